import type { Actor } from "../../access/actor";
import { isStaffRole } from "../../access/roles";
import { getDb, getSql } from "../../db/client";
import { authorize } from "../audit/authorize";
import { recordNotFound } from "../audit/record-not-found";
import { readReceiptEvent } from "../realtime/read-receipt";
import { decodeCursor, encodeCursor } from "../shared/cursor";
import { parseRecordId } from "../shared/record-id";
import { toMessageView } from "./message-view";
import { messageRowsQuery, toMessageRow, type MessageRowsRow } from "./message-rows-sql";
import { writePageRead } from "./read-mark-sql";
import { listMessagesSchema, type ListMessagesInput, type MessageView } from "./schemas";

/**
 * The messages of a thread, a page at a time from the NEWEST (GET /api/v1/threads/{id}/messages).
 * The first page (no cursor) is the newest `limit` messages; `nextCursor` leads to the page
 * of older messages (pass it as `before`), null on the page that holds the first message.
 * Within a page `items` run oldest → newest, the order a conversation is read in. `cursor`
 * is taken as a synonym of `before`, so a client that follows `nextCursor` through
 * `cursor` (DESIGN.md §5) walks the whole thread without gaps or repeats.
 *
 * Keyset on (createdAt, id): a message written while someone pages back lands on the newest
 * page and never shifts the older pages. The page is one index scan (message-page-sql.ts);
 * nothing here reads the whole thread.
 *
 * Two round trips: one read (message-rows-sql.ts: scope check, page, authors, attachments,
 * the reader's marker) and one write (read-mark-sql.ts: audit row, marker, Seen event),
 * both raw named statements — through Prisma this was about ten round trips (docs/performance.md).
 *
 * ⚠ Members never receive internal notes, and the rows are read through the thread's scope
 * check (message-rows-sql.ts). Reading is audited before the answer, and reading the newest
 * page marks the thread read for the reader up to its newest message.
 */
export async function listMessages(
  actor: Actor,
  threadId: string,
  input: ListMessagesInput = {},
): Promise<{ items: MessageView[]; nextCursor: string | null }> {
  await authorize(actor, "thread.read", { recordType: "thread", recordId: threadId }, { denyAs: "NOT_FOUND" });
  const { before: beforeParam, cursor, limit } = listMessagesSchema.parse(input);
  const before = decodeCursor(beforeParam ?? cursor);
  const id = parseRecordId(threadId);
  if (!id) throw await recordNotFound(await getDb(), actor, { action: "message.list", recordType: "thread", recordId: threadId });

  const sql = await getSql();
  // Staff only, newest page only: whether their marker moves decides the member's "Seen" event.
  const seen = isStaffRole(actor.role) && !before;
  const q = messageRowsQuery(actor, id, { before, take: limit + 1, seen, now: new Date() });
  const found = await sql<MessageRowsRow>(q.text, q.params, { name: q.name });
  const thread = found[0];
  if (!thread) throw await recordNotFound(await getDb(), actor, { action: "message.list", recordType: "thread", recordId: id });

  // Newest first, `limit` + 1 at most: the extra one only says that older messages exist.
  const candidates = (thread.messages ?? []).map(toMessageRow);
  const page = candidates.slice(0, limit);
  const oldest = page.at(-1);
  const newest = page[0];

  await writePageRead(
    sql,
    actor,
    { action: "message.list", memberId: thread.member_id, recordType: "thread", recordId: id, details: { count: page.length } },
    before || !newest
      ? null
      : {
          threadId: id,
          lastReadAt: newest.createdAt,
          // "Seen" tells the member up to which of THEIR visible messages the team has read —
          // never the time of an internal note (that would show when notes are written).
          event: readReceiptEvent(actor, { id, teamId: thread.team_id, memberId: thread.member_id }, thread.last_read_at, thread.member_visible_at),
        },
  );

  return {
    items: page.toReversed().map(toMessageView),
    nextCursor: candidates.length > limit && oldest ? encodeCursor(oldest.createdAt, oldest.id) : null,
  };
}
