import type { Actor } from "../../access/actor";
import { messageWhereForActor, threadWhereForActor } from "../../access/scopes";
import { getDb } from "../../db/client";
import type { Prisma, PrismaClient } from "../../db/generated/client";
import { authorize } from "../audit/authorize";
import { decodeCursor, encodeCursor } from "../shared/cursor";
import { auditRowData } from "../audit/audit-row-data";
import { messageViewSelect, toMessageView } from "./message-view";
import { messagePageSql, type MessagePageRow } from "./message-page-sql";
import { isStaffRole } from "../../access/roles";
import { readReceiptWrites } from "../realtime/read-receipt";
import { listMessagesSchema, type ListMessagesInput, type MessageView } from "./schemas";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";

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
 * ⚠ Members never receive internal notes (messageWhereForActor). Reading is audited, and
 * reading the newest page marks the thread read for the reader up to its newest message.
 */
export async function listMessages(
  actor: Actor,
  threadId: string,
  input: ListMessagesInput = {},
): Promise<{ items: MessageView[]; nextCursor: string | null }> {
  await authorize(actor, "thread.read", { recordType: "thread", recordId: threadId }, { denyAs: "NOT_FOUND" });
  const { before: beforeParam, cursor, limit } = listMessagesSchema.parse(input);
  const before = decodeCursor(beforeParam ?? cursor);
  const db = await getDb();
  const id = parseRecordId(threadId);
  if (!id) throw await recordNotFound(db, actor, { action: "message.list", recordType: "thread", recordId: threadId });

  const now = new Date();
  const [thread, candidates, readState] = await Promise.all([
    db.thread.findFirst({ where: { AND: [{ id }, threadWhereForActor(actor, now)] }, select: { id: true, memberId: true, teamId: true } }),
    db.$queryRaw<MessagePageRow[]>(messagePageSql({ threadId: id, memberVisibleOnly: actor.role === "MEMBER", before, take: limit + 1 })),
    // Staff only: whether their marker moves decides the member's "Seen" event (realtime).
    isStaffRole(actor.role) && !before
      ? db.threadReadState.findUnique({ where: { threadId_userId: { threadId: id, userId: actor.userId } }, select: { lastReadAt: true } })
      : Promise.resolve(null),
  ]);
  if (!thread) throw await recordNotFound(db, actor, { action: "message.list", recordType: "thread", recordId: id });

  const hasMore = candidates.length > limit;
  const pageIds = candidates.slice(0, limit).map((r) => r.id);
  // ⚠ The scope check on the rows themselves: the candidates are loaded through messageWhereForActor.
  const rows =
    pageIds.length === 0
      ? []
      : await db.message.findMany({
          where: { AND: [{ id: { in: pageIds } }, { threadId: id }, messageWhereForActor(actor, now)] },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: messageViewSelect,
        });
  const oldest = candidates[Math.min(limit, candidates.length) - 1];
  const newest = rows.at(-1);

  const writes: Prisma.PrismaPromise<unknown>[] = [
    db.auditLog.create({
      data: auditRowData(actor, { action: "message.list", memberId: thread.memberId, recordType: "thread", recordId: id, details: { count: rows.length } }),
      select: { id: true },
    }),
  ];
  if (!before && newest) {
    writes.push(
      db.threadReadState.upsert({
        where: { threadId_userId: { threadId: id, userId: actor.userId } },
        create: { threadId: id, userId: actor.userId, lastReadAt: newest.createdAt },
        update: { lastReadAt: newest.createdAt },
        select: { threadId: true },
      }),
      // "Seen" tells the member up to which of THEIR visible messages the team has read —
      // never the time of an internal note (that would show when notes are written).
      ...readReceiptWrites(db, actor, thread, readState?.lastReadAt ?? null, await newestMemberVisible(db, actor, id, rows)),
    );
  }
  await db.$transaction(writes);

  return {
    items: rows.map(toMessageView),
    nextCursor: hasMore && oldest ? encodeCursor(oldest.createdAt, oldest.id) : null,
  };
}

/**
 * The time of the newest member-visible message up to the newest page's end. Usually on the
 * page; when the page is all internal notes (a long staff discussion), one indexed look
 * further back — staff only, and only then.
 */
async function newestMemberVisible(
  db: PrismaClient,
  actor: Actor,
  threadId: string,
  page: { createdAt: Date; visibility: string }[],
): Promise<Date | null> {
  for (let i = page.length - 1; i >= 0; i--) if (page[i]!.visibility === "MEMBER") return page[i]!.createdAt;
  if (!isStaffRole(actor.role) || page.length === 0) return null;
  const earlier = await db.message.findFirst({
    where: { threadId, visibility: "MEMBER", createdAt: { lte: page[0]!.createdAt } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { createdAt: true },
  });
  return earlier?.createdAt ?? null;
}
