import type { Actor } from "../../access/actor";
import { messageWhereForActor, threadWhereForActor } from "../../access/scopes";
import { getDb } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { authorize } from "../audit/authorize";
import { decodeCursor, encodeCursor } from "../shared/cursor";
import { auditRowData } from "../audit/audit-row-data";
import { messageViewSelect, toMessageView } from "./message-view";
import { isStaffRole } from "../../access/roles";
import { readReceiptWrites } from "../realtime/read-receipt";
import { listMessagesSchema, type ListMessagesInput, type MessageView } from "./schemas";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";

/**
 * The messages of a thread, oldest first (GET /api/v1/threads/{id}/messages). Pages run
 * forward in time: `nextCursor` leads to newer messages, null on the newest page.
 * ⚠ Members never receive internal notes (messageWhereForActor). Reading is audited, and
 * reaching the newest page marks the thread read for the reader up to the newest message
 * they were shown.
 */
export async function listMessages(
  actor: Actor,
  threadId: string,
  input: ListMessagesInput = {},
): Promise<{ items: MessageView[]; nextCursor: string | null }> {
  await authorize(actor, "thread.read", { recordType: "thread", recordId: threadId }, { denyAs: "NOT_FOUND" });
  const { cursor, limit } = listMessagesSchema.parse(input);
  const after = decodeCursor(cursor);
  const db = await getDb();
  const id = parseRecordId(threadId);
  if (!id) throw await recordNotFound(db, actor, { action: "message.list", recordType: "thread", recordId: threadId });

  const now = new Date();
  const [thread, rows, readState] = await Promise.all([
    db.thread.findFirst({ where: { AND: [{ id }, threadWhereForActor(actor, now)] }, select: { id: true, memberId: true, teamId: true } }),
    db.message.findMany({
      where: {
        AND: [
          { threadId: id },
          messageWhereForActor(actor, now),
          ...(after ? [{ OR: [{ createdAt: { gt: after.at } }, { createdAt: after.at, id: { gt: after.id } }] }] : []),
        ],
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit + 1,
      select: messageViewSelect,
    }),
    // Staff only: whether their marker moves decides the member's "Seen" event (realtime).
    isStaffRole(actor.role)
      ? db.threadReadState.findUnique({ where: { threadId_userId: { threadId: id, userId: actor.userId } }, select: { lastReadAt: true } })
      : Promise.resolve(null),
  ]);
  if (!thread) throw await recordNotFound(db, actor, { action: "message.list", recordType: "thread", recordId: id });

  const page = rows.slice(0, limit);
  const hasMore = rows.length > limit;
  const last = page.at(-1);
  const writes: Prisma.PrismaPromise<unknown>[] = [
    db.auditLog.create({
      data: auditRowData(actor, { action: "message.list", memberId: thread.memberId, recordType: "thread", recordId: id, details: { count: page.length } }),
      select: { id: true },
    }),
  ];
  if (!hasMore && last) {
    writes.push(
      db.threadReadState.upsert({
        where: { threadId_userId: { threadId: id, userId: actor.userId } },
        create: { threadId: id, userId: actor.userId, lastReadAt: last.createdAt },
        update: { lastReadAt: last.createdAt },
        select: { threadId: true },
      }),
      // "Seen" tells the member up to which of THEIR visible messages the team has read —
      // never the time of an internal note (that would show when notes are written).
      ...readReceiptWrites(db, actor, thread, readState?.lastReadAt ?? null, newestMemberVisible(page)),
    );
  }
  await db.$transaction(writes);

  return {
    items: page.map(toMessageView),
    nextCursor: hasMore && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

/** The time of the newest member-visible message on the page (the page is in time order). */
function newestMemberVisible(page: { createdAt: Date; visibility: string }[]): Date | null {
  for (let i = page.length - 1; i >= 0; i--) if (page[i]!.visibility === "MEMBER") return page[i]!.createdAt;
  return null;
}
