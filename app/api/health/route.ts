/**
 * GET /api/health — the public contract (DESIGN.md §5): `{"status":"ok"|"degraded",
 * "checks":{"database","storage","scanner"}}`, from the deep check cached for a few seconds
 * (lib/domain/system/get-health.ts), so calling it often costs nothing. 503 when the
 * database is unavailable (nothing works without it); 200 otherwise, degraded or not.
 * Liveness: /api/health/live. Readiness (503 unless everything is ok): /api/health/ready.
 */
import { getHealth } from "@/lib/domain/system/get-health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await getHealth();
  const status = health.checks.database === "ok" ? 200 : 503;
  return Response.json(health, { status, headers: { "cache-control": "no-store" } });
}
