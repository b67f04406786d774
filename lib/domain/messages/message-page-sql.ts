/**
 * The page of a thread's messages, newest first from a keyset cursor: an index scan of
 * `messages_thread_id_created_at_idx` (thread_id, created_at), read backward from the
 * cursor, that stops after LIMIT rows — never the whole thread, however long it runs. The
 * cursor is spelled as a range on created_at (an index bound) plus the id tie-break within
 * one millisecond. list-messages-paging.integration.test.ts and scripts/bench/explain-hot.ts
 * check the plan.
 *
 * ⚠ SECURITY: this only picks rows of one thread. It is not the scope check: the read
 * statement (message-rows-sql.ts) takes the thread id from the thread it has checked against
 * the actor's scope. `memberOnly` is the member rule (members never see internal notes).
 */
import type { Cursor } from "../shared/cursor";

/** SQL expressions (parameters or columns) the page is built from. */
export type MessagePageExpressions = {
  threadId: string;
  /** A boolean: true for a member (MEMBER visibility only). */
  memberOnly: string;
  take: string;
  /** The cursor's instant and id; null for the newest page. */
  before: { at: string; id: string } | null;
};

/** The page's SELECT, newest first, for a CTE or a statement of its own. */
export function messagePageSelect(e: MessagePageExpressions): string {
  const cursor = e.before ? `AND m.created_at <= ${e.before.at} AND (m.created_at < ${e.before.at} OR m.id < ${e.before.id})` : "";
  return `
    SELECT m.id, m.thread_id, m.author_id, m.visibility, m.body, m.client_message_id, m.created_at
      FROM messages m
     WHERE m.thread_id = ${e.threadId} AND (NOT ${e.memberOnly} OR m.visibility = 'MEMBER') ${cursor}
     ORDER BY m.created_at DESC, m.id DESC
     LIMIT ${e.take}`;
}

export type MessagePageQuery = { threadId: string; memberVisibleOnly: boolean; before: Cursor | null; take: number };

/** The page alone as one statement, for EXPLAIN (scripts/bench/explain-hot.ts). */
export function messagePageSql(q: MessagePageQuery): { text: string; values: unknown[] } {
  const text = messagePageSelect({
    threadId: "$1::uuid",
    memberOnly: "$2::boolean",
    take: "$3::int",
    before: q.before ? { at: "$4::timestamptz", id: "$5::uuid" } : null,
  });
  const values: unknown[] = [q.threadId, q.memberVisibleOnly, q.take];
  if (q.before) values.push(q.before.at, q.before.id);
  return { text, values };
}
