/**
 * "Seen" (GET /api/v1/threads/{id}/read): the latest moment up to which anyone on staff
 * has read the thread — the newest read marker of a user other than the thread's member.
 * Reading the newest page of messages moves a marker (messages/list-messages.ts), and so
 * does sending. No names: the member learns THAT the team has seen it, not who (who opened
 * their conversations is the access report's job).
 *
 * A time is not PHI, so an allowed read is not audited; a thread out of scope is the usual
 * audited 404.
 */
import type { Actor } from "../../access/actor";
import { threadWhereForActor } from "../../access/scopes";
import { getDb } from "../../db/client";
import { authorize } from "../audit/authorize";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";

export async function getThreadSeen(actor: Actor, threadId: string): Promise<{ seenAt: string | null }> {
  await authorize(actor, "thread.read", { recordType: "thread", recordId: threadId }, { denyAs: "NOT_FOUND" });
  const db = await getDb();
  const id = parseRecordId(threadId);
  if (!id) throw await recordNotFound(db, actor, { action: "thread.seen", recordType: "thread", recordId: threadId });
  const thread = await db.thread.findFirst({ where: { AND: [{ id }, threadWhereForActor(actor)] }, select: { id: true, memberId: true } });
  if (!thread) throw await recordNotFound(db, actor, { action: "thread.seen", recordType: "thread", recordId: id });
  const latest = await db.threadReadState.aggregate({ where: { threadId: id, userId: { not: thread.memberId } }, _max: { lastReadAt: true } });
  const marker = latest._max.lastReadAt;
  if (!marker) return { seenAt: null };
  // ⚠ The newest member-visible message at or before the marker, not the marker itself: a
  // marker can stand on an internal note, and its time would tell the member when notes are
  // written.
  const seen = await db.message.findFirst({
    where: { threadId: id, visibility: "MEMBER", createdAt: { lte: marker } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { createdAt: true },
  });
  return { seenAt: seen?.createdAt.toISOString() ?? null };
}
