/**
 * GET /api/bench/bare — the baseline of `npm run bench:http`: a route handler that does
 * nothing but answer a constant JSON body, served by the same Next server as the API, so
 * the benchmark can print each workload's req/s as a ratio of what Next itself costs.
 * Off (404, like any unknown path) unless BENCH_BARE_ROUTE=1 — production never sets it.
 * It reads no session, no database and no request data.
 */
import { getEnv } from "@/lib/env";

export const dynamic = "force-dynamic";

const body = JSON.stringify({ status: "ok", bench: "bare" });

export function GET() {
  if (!getEnv().BENCH_BARE_ROUTE) return new Response(null, { status: 404 });
  return new Response(body, { headers: { "content-type": "application/json", "cache-control": "no-store" } });
}
