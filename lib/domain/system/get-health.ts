/**
 * The deep health check (database, storage, scanner — lib/domain/system/check-health.ts),
 * reused for HEALTH_CACHE_SECONDS (default 5) by GET /api/health and GET /api/health/ready.
 *
 * ⚠ Both routes are public and unauthenticated, and the storage check writes, reads and
 * deletes a probe object. Uncached, a flood of calls would be a flood of writes and
 * database round trips; cached, it costs at most one deep check per cache period per
 * instance. Concurrent callers while a check runs share that one check. A failure is cached
 * like a success (a load balancer asking again a second later learns nothing new).
 *
 * The cache lives on globalThis: Next bundles each route separately, and both routes must
 * share one cache (like the database client and the relay).
 */
import { getEnv } from "../../env";
import { checkHealth, type Health } from "./check-health";

type HealthCache = { value: Health | null; at: number; running: Promise<Health> | null };

const globalKey = Symbol.for("concierge.health");
type GlobalWithHealth = typeof globalThis & { [globalKey]?: HealthCache };

export async function getHealth(): Promise<Health> {
  const g = globalThis as GlobalWithHealth;
  const cache = (g[globalKey] ??= { value: null, at: 0, running: null });
  if (cache.value && Date.now() - cache.at < getEnv().HEALTH_CACHE_SECONDS * 1000) return cache.value;
  cache.running ??= checkHealth()
    .then((value) => {
      cache.value = value;
      cache.at = Date.now();
      return value;
    })
    .finally(() => {
      cache.running = null;
    });
  return cache.running;
}
