/**
 * The page query of a thread's messages, newest first from a keyset cursor, in SQL so the
 * plan is the one EXPLAIN checks (list-messages.integration.test.ts, the bench): an index
 * scan of `messages_thread_id_created_at_idx` (thread_id, created_at), read backward from
 * the cursor, that stops after LIMIT rows — never the whole thread, however long it runs.
 * The cursor is spelled as a range on created_at (an index bound) plus the id tie-break
 * within one millisecond.
 *
 * ⚠ SECURITY: this only picks candidate ids of one thread. It is not the scope check:
 * listMessages has checked the thread against the actor's scope and loads the rows through
 * Prisma with messageWhereForActor. `memberVisibleOnly` restates the member rule (members
 * never see internal notes) so a member's page is filled with messages they may read.
 */
import { Prisma } from "../../db/generated/client";
import type { Cursor } from "../shared/cursor";

export type MessagePageQuery = { threadId: string; memberVisibleOnly: boolean; before: Cursor | null; take: number };
export type MessagePageRow = { id: string; createdAt: Date };

export function messagePageSql(q: MessagePageQuery): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`m.thread_id = ${q.threadId}::uuid`];
  if (q.memberVisibleOnly) conditions.push(Prisma.sql`m.visibility = 'MEMBER'`);
  if (q.before) {
    const at = q.before.at;
    conditions.push(Prisma.sql`m.created_at <= ${at}::timestamptz AND (m.created_at < ${at}::timestamptz OR m.id < ${q.before.id}::uuid)`);
  }
  return Prisma.sql`
    SELECT m.id, m.created_at AS "createdAt"
    FROM messages m
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY m.created_at DESC, m.id DESC
    LIMIT ${q.take}`;
}
