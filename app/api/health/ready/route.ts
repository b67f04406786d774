/**
 * GET /api/health/ready — readiness for a load balancer or orchestrator: the same cached
 * deep check as /api/health (at most one per HEALTH_CACHE_SECONDS per instance, whatever
 * the call rate), answering 503 unless the status is "ok", so traffic is sent elsewhere.
 */
import { getHealth } from "@/lib/domain/system/get-health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await getHealth();
  return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
