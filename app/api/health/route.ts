import { checkHealth } from "@/lib/domain/system/check-health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  const status = health.checks.database === "ok" ? 200 : 503;
  return Response.json(health, { status, headers: { "cache-control": "no-store" } });
}
