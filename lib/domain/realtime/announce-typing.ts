/**
 * "Your care team is typing…" (POST /api/v1/threads/{id}/typing). Staff announce that they
 * are writing a REPLY to the member. ⚠ SECURITY: an internal note must never make the member
 * see "typing…" (it would tell her that staff are writing about her, and when): the caller
 * must declare what it writes (`visibility`, required — no default), and a note is refused
 * with 422 before anything is read, so no typing event for a note can exist whatever a
 * client does. The route takes no content at all. The answer is an ephemeral event (no outbox row, no
 * id, never replayed) for the relay to publish: the thread's member and the other staff who
 * can open the thread receive it.
 *
 * Nothing is read but the thread's routing, so no audit row is written for an allowed call
 * (no PHI is read or changed); a thread out of scope is the usual audited 404.
 */
import type { Actor } from "../../access/actor";
import { threadWhereForActor } from "../../access/scopes";
import { isStaffRole } from "../../access/roles";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import type { RoutedEvent } from "../../realtime/routing";
import { authorize } from "../audit/authorize";
import { announceTypingSchema, type AnnounceTypingInput } from "./schemas";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";

export async function announceTyping(actor: Actor, threadId: string, input: AnnounceTypingInput): Promise<RoutedEvent> {
  await authorize(actor, "message.send", { recordType: "thread", recordId: threadId }, { denyAs: "NOT_FOUND" });
  // Members' typing is not announced (the care team does not need it, and it would tell
  // staff when a member is composing something they may not send).
  if (!isStaffRole(actor.role)) throw new AppError("FORBIDDEN", "Only the care team's typing is announced.");
  const { visibility } = announceTypingSchema.parse(input);
  if (visibility !== "member") {
    throw new AppError("INVALID_INPUT", "Internal notes are never announced to the member.", [
      { path: "visibility", message: "Typing is announced only for a reply the member will read." },
    ]);
  }
  const db = await getDb();
  const id = parseRecordId(threadId);
  if (!id) throw await recordNotFound(db, actor, { action: "thread.typing", recordType: "thread", recordId: threadId });
  const thread = await db.thread.findFirst({ where: { AND: [{ id }, threadWhereForActor(actor)] }, select: { id: true, teamId: true, memberId: true } });
  if (!thread) throw await recordNotFound(db, actor, { action: "thread.typing", recordType: "thread", recordId: id });
  return {
    seq: null,
    type: "typing",
    teamId: thread.teamId,
    threadId: thread.id,
    memberId: thread.memberId,
    userId: actor.userId,
    // No user id: the member learns that the team is typing, not who (as for "Seen").
    payload: { threadId: thread.id, role: actor.role },
  };
}
