/**
 * Prisma vs raw SQL through the same pool, for the statements every request pays
 * (docs/performance.md, "CPU per request"): the actor load, GET /me's read, and the audit
 * row of a PHI read (the app runs them as named prepared statements; set
 * DATABASE_PREPARED_STATEMENTS=0 to see them unprepared). N sequential runs each way, warm,
 * with this process's CPU time per run.
 * Writes audit rows to the database of DATABASE_URL: use a scratch one with the demo data.
 *   DATABASE_URL=postgres://…/scratch MIGRATE_ON_START=0 npx tsx scripts/bench/hot-query-cost.ts [n]
 */
import { closeDb, getDb, getSql } from "../../lib/db/client";
import { auditRowData } from "../../lib/domain/audit/audit-row-data";
import { auditRowParams, insertAuditRowSql } from "../../lib/domain/audit/record-audit";
import { unsafeLoadActorWithMfa } from "../../lib/domain/auth/unsafe-load-actor";
import { getMe } from "../../lib/domain/users/get-me";
import { getEnv } from "../../lib/env";

const n = Number(process.argv[2] ?? 2000);

async function measure(name: string, one: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 200; i++) await one();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await one();
  const cpu = process.cpuUsage(cpu0);
  const perRun = (cpu.user + cpu.system) / 1000 / n;
  console.log(`${name.padEnd(30)} ${perRun.toFixed(3)} ms CPU/run, ${((performance.now() - t0) / n).toFixed(3)} ms wall/run`);
  return perRun;
}

const db = await getDb();
const sql = await getSql();
const guide = await db.user.findUniqueOrThrow({ where: { email: "guide@demo.test" }, select: { id: true } });
const origin = { ip: "127.0.0.1", userAgent: "bench" };
const actor = (await unsafeLoadActorWithMfa(guide.id, origin))!.actor;
const entry = { action: "bench.audit_write", memberId: null, details: { count: 9, memberIds: [], view: "open" } };

// The Prisma forms these statements had before (commit 2bcccb0).
const prismaActorLoad = () =>
  db.user.findUnique({
    where: { id: guide.id },
    select: {
      id: true, role: true, name: true, email: true, status: true, sessionsValidAfter: true,
      mfaEnabledAt: true, mfaEnrolmentRequired: true, passwordChangeRequired: true,
      teamMemberships: { select: { teamId: true }, where: { team: { archivedAt: null } } },
    },
  });
const prismaMe = () =>
  db.user.findUnique({
    where: { id: guide.id },
    select: { id: true, email: true, name: true, role: true, teamMemberships: { select: { team: { select: { id: true, name: true, kind: true } } }, orderBy: { team: { name: "asc" } } } },
  });

console.log(`named prepared statements (DATABASE_PREPARED_STATEMENTS): ${getEnv().DATABASE_PREPARED_STATEMENTS ? "on" : "off"}`);
for (let round = 1; round <= 2; round++) {
  console.log(`round ${round}, ${n} runs each`);
  await measure("actor load, Prisma", prismaActorLoad);
  await measure("actor load, raw SQL", () => unsafeLoadActorWithMfa(guide.id, origin));
  await measure("GET /me read, Prisma", prismaMe);
  await measure("GET /me read, raw SQL", () => getMe(actor));
  await measure("audit row, Prisma", () => db.auditLog.create({ data: auditRowData(actor, entry) }));
  await measure("audit row, raw SQL", () => sql(insertAuditRowSql, auditRowParams(actor, entry)));
  await measure("audit row, raw SQL, named", () => sql(insertAuditRowSql, auditRowParams(actor, entry), { name: "insert-audit-row" }));
}
await closeDb();
