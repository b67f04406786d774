/**
 * Appends one audit row now. For a change written as a batch transaction, put
 * `db.auditLog.create({ data: auditRowData(…) })` in the batch instead, so the change and
 * its audit row commit together.
 *
 * ⚠ SECURITY: the row is written (and awaited) before the caller answers: an audited read
 * never returns data whose audit row failed. Outside a transaction it is one raw INSERT
 * through Prisma's own pool: the same row through Prisma's client cost several times the CPU
 * (scripts/bench/audit-write-cost.ts; docs/performance.md, "CPU per request"), and every PHI
 * read pays it. Inside an interactive transaction it goes through that transaction.
 */
import type { Prisma } from "../../db/generated/client";
import { getDb, getSql } from "../../db/client";
import type { RequestOrigin } from "../../access/actor";
import { auditRowData, type AuditActor, type AuditEntry } from "./audit-row-data";

export type { AuditEntry } from "./audit-row-data";

type AuditWriter = Pick<Prisma.TransactionClient, "auditLog">;

/**
 * The columns auditRowData fills, in one statement. ⚠ Never id or occurred_at: the id comes
 * from the sequence and the time from the database's now(), and the runtime role may not
 * insert either (prisma/migrations/20261202060000_audit_insert_columns).
 */
export const insertAuditRowSql = `
  INSERT INTO audit_log (${auditRowColumnsSql()})
  VALUES (${auditRowValuesSql(1)})`;

/**
 * insertAuditRowSql's column list and its values, for an audit row written by a larger
 * statement (`INSERT INTO audit_log (${auditRowColumnsSql()}) SELECT ${auditRowValuesSql(n)}
 * FROM …`, messages/send-write-sql.ts) with auditRowParams at $n…$n+10 — the same row.
 */
export function auditRowColumnsSql(): string {
  return "actor_id, actor_role, action, outcome, member_id, record_type, record_id, reason, ip, user_agent, details";
}

export function auditRowValuesSql(first: number): string {
  const p = (i: number) => `$${first + i}`;
  return `${p(0)}::uuid, ${p(1)}, ${p(2)}, ${p(3)}::"AuditOutcome", ${p(4)}::uuid, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}, ${p(10)}::jsonb`;
}

/** The parameters of insertAuditRowSql: the row auditRowData makes (so both paths write the same row). */
export function auditRowParams(actor: AuditActor | null, entry: AuditEntry, origin?: RequestOrigin | null): unknown[] {
  const row = auditRowData(actor, entry, origin === undefined ? (actor?.origin ?? null) : origin);
  return [
    row.actorId ?? null,
    row.actorRole ?? null,
    row.action,
    row.outcome ?? "ALLOWED",
    row.memberId ?? null,
    row.recordType ?? null,
    row.recordId ?? null,
    row.reason ?? null,
    row.ip ?? null,
    row.userAgent ?? null,
    row.details === undefined ? null : JSON.stringify(row.details),
  ];
}

export async function recordAudit(db: AuditWriter, actor: AuditActor | null, entry: AuditEntry, origin?: RequestOrigin | null): Promise<void> {
  // The process's own client (not a transaction): the raw statement through the same pool.
  if (db === (await getDb())) {
    const sql = await getSql();
    await sql(insertAuditRowSql, auditRowParams(actor, entry, origin), { name: "insert-audit-row" });
    return;
  }
  await db.auditLog.create({ data: auditRowData(actor, entry, origin === undefined ? (actor?.origin ?? null) : origin) });
}
