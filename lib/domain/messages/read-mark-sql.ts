/**
 * The writes of a page read (GET /threads/{id}/messages), as one statement: the audit row,
 * and on the newest page the reader's read marker and, when a staff marker moves past the
 * member's newest message, the `read` outbox row for "Seen" (lib/domain/realtime/read-receipt.ts
 * decides). Data-modifying CTEs of one statement commit together or not at all, so the
 * audit row and the marker it describes are atomic, as the Prisma batch was — in one round
 * trip instead of a transaction of three to five.
 *
 * ⚠ SECURITY: the audit row is the same row recordAudit writes (insertAuditRowSql with
 * auditRowParams: same columns, same sanitising), and the caller awaits this before it
 * answers. The outbox row goes through outboxEventData (routing rule, no contents).
 */
import type { Actor } from "../../access/actor";
import { getDb, type SqlQuery } from "../../db/client";
import { auditRowParams, insertAuditRowSql, recordAudit } from "../audit/record-audit";
import type { AuditEntry } from "../audit/audit-row-data";
import { outboxEventData, type OutboxEvent } from "../outbox/outbox-event";

// $1–$11 the audit row (insertAuditRowSql); $12 thread, $13 reader, $14 read up to;
// $15–$20 the outbox row, or a null type for none.
const auditAndMarkSql = `
  WITH audit AS (${insertAuditRowSql}),
  mark AS (
    INSERT INTO thread_read_states (thread_id, user_id, last_read_at) VALUES ($12::uuid, $13::uuid, $14::timestamptz)
    ON CONFLICT (thread_id, user_id) DO UPDATE SET last_read_at = EXCLUDED.last_read_at
  ),
  seen AS (
    INSERT INTO outbox_events (type, team_id, thread_id, member_id, user_id, payload)
    SELECT $15::text, $16::uuid, $17::uuid, $18::uuid, $19::uuid, $20::jsonb WHERE $15::text IS NOT NULL
  )
  SELECT 1 AS written`;

export type ReadMark = { threadId: string; lastReadAt: Date; event: OutboxEvent | null };

/** Writes the audit row, with the read mark when given; resolves once committed. */
export async function writePageRead(sql: SqlQuery, actor: Actor, entry: AuditEntry, mark: ReadMark | null): Promise<void> {
  // An older page, or an empty one: the audit row alone, recordAudit's own raw statement.
  if (!mark) return recordAudit(await getDb(), actor, entry);
  const e = mark.event ? outboxEventData(mark.event) : null;
  await sql(
    auditAndMarkSql,
    [
      ...auditRowParams(actor, entry),
      mark.threadId,
      actor.userId,
      mark.lastReadAt,
      e?.type ?? null,
      e?.teamId ?? null,
      e?.threadId ?? null,
      e?.memberId ?? null,
      e?.userId ?? null,
      e ? JSON.stringify(e.payload) : null,
    ],
    { name: "list-messages-audit-and-mark" },
  );
}
