/**
 * The deep health check: a query against the database, a write-read-delete in document
 * storage, a PING to ClamAV. No actor: the answer holds no data. Never called per request:
 * GET /api/health and /api/health/ready go through the cache of get-health.ts.
 *
 * "ok" needs the database and storage up and the scanner either up or not installed (the
 * embedded default without ClamAV, where uploads stay quarantined and the UI says so).
 */
import { getDb } from "../../db/client";
import { getDocumentStorage } from "../../storage/document-storage";
import { checkScannerHealth } from "../../scanner/clamd-ping";

export type Health = {
  status: "ok" | "degraded";
  checks: { database: "ok" | "unavailable"; storage: "ok" | "unavailable"; scanner: "ok" | "unavailable" | "not_installed" };
};

async function checkDatabase(): Promise<"ok" | "unavailable"> {
  try {
    const db = await getDb();
    const rows = await db.$queryRaw<{ ok: number }[]>`SELECT 1 AS ok`;
    return rows[0]?.ok === 1 ? "ok" : "unavailable";
  } catch {
    return "unavailable";
  }
}

export async function checkHealth(): Promise<Health> {
  const [database, storage, scanner] = await Promise.all([checkDatabase(), getDocumentStorage().checkHealth(), checkScannerHealth()]);
  const ok = database === "ok" && storage === "ok" && scanner !== "unavailable";
  return { status: ok ? "ok" : "degraded", checks: { database, storage, scanner } };
}
