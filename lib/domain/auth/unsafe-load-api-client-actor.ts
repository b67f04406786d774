/**
 * ⚠ SECURITY: resolves `Authorization: Bearer <key>` to the API client's service user.
 * Keys look like `cnc_<prefix>_<secret>`; only a SHA-256 of the whole key is stored, and
 * it is compared in constant time. Revoked clients and disabled service users get nothing.
 *
 * Runs on every API-key request: two statements (the key's row, then the actor), raw SQL
 * through Prisma's pool (docs/performance.md, "CPU per request"). The last-use time is
 * written at most once a minute per key, not on every request.
 */
import { timingSafeEqual } from "node:crypto";
import type { Actor, RequestOrigin } from "../../access/actor";
import { apiKeyPattern, hashApiKey } from "../../auth/api-key";
import { getSql } from "../../db/client";
import { unsafeLoadActor } from "./unsafe-load-actor";

/** How stale the shown "last used" time may get (it is informative, not a security control). */
const LAST_USED_RESOLUTION_MS = 60_000;

type ApiClientRow = { id: string; key_hash: string; service_user_id: string; revoked_at: Date | null; last_used_at: Date | null };

export async function unsafeLoadApiClientActor(key: string, origin: RequestOrigin): Promise<Actor | null> {
  const match = apiKeyPattern.exec(key);
  if (!match) return null;
  const sql = await getSql();
  const [client] = await sql<ApiClientRow>(
    "SELECT id::text AS id, key_hash, service_user_id::text AS service_user_id, revoked_at, last_used_at FROM api_clients WHERE key_prefix = $1",
    [match[1]],
    { name: "load-api-client" },
  );
  if (!client || client.revoked_at) return null;
  const expected = Buffer.from(client.key_hash, "hex");
  const actual = Buffer.from(hashApiKey(key), "hex");
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  const actor = await unsafeLoadActor(client.service_user_id, origin, { apiClientId: client.id });
  if (!actor) return null;
  // Best effort: last-use time is informative, not security-critical.
  if (!client.last_used_at || Date.now() - client.last_used_at.getTime() >= LAST_USED_RESOLUTION_MS) {
    await sql("UPDATE api_clients SET last_used_at = now() WHERE id = $1::uuid", [client.id]).catch(() => undefined);
  }
  return actor;
}
