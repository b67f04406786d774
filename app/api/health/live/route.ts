/**
 * GET /api/health/live — liveness: the process is up and answering. No database, no
 * storage, no scanner: nothing that a dependency's outage could fail (a restart would not
 * fix that), and nothing a flood of calls could make expensive.
 */
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
