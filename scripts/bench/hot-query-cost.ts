/**
 * Prisma vs raw SQL for the audit row every PHI read writes (docs/performance.md, "CPU per
 * request"): N sequential inserts each way through the same pool, with this process's CPU
 * time per insert. Writes to the database of DATABASE_URL (use a scratch one).
 *   DATABASE_URL=postgres://…/scratch npx tsx scripts/bench/audit-write-cost.ts [n]
 */
import { getDb, getSql, closeDb } from "../../lib/db/client";
import { auditRowData } from "../../lib/domain/audit/audit-row-data";
import { insertAuditRowSql, auditRowParams } from "../../lib/domain/audit/record-audit";

const n = Number(process.argv[2] ?? 2000);
const actor = { userId: "0199c223-8a47-726b-8dff-670e8ec8f37d", role: "CARE_GUIDE" as const, origin: { ip: "127.0.0.1", userAgent: "bench" } };
const entry = { action: "bench.audit_write", memberId: null, details: { count: 9, memberIds: [], view: "open" } };

async function measure(name: string, one: () => Promise<unknown>) {
  for (let i = 0; i < 200; i++) await one();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await one();
  const cpu = process.cpuUsage(cpu0);
  const ms = performance.now() - t0;
  console.log(`${name.padEnd(8)} ${(((cpu.user + cpu.system) / 1000) / n).toFixed(3)} ms CPU/insert, ${(ms / n).toFixed(3)} ms wall/insert`);
}

const db = await getDb();
const sql = await getSql();
await measure("prisma", () => db.auditLog.create({ data: auditRowData(actor, entry) }));
await measure("raw", () => sql(insertAuditRowSql, auditRowParams(actor, entry)));
await measure("prisma", () => db.auditLog.create({ data: auditRowData(actor, entry) }));
await measure("raw", () => sql(insertAuditRowSql, auditRowParams(actor, entry)));
await closeDb();
