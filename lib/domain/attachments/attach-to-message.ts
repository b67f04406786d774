/**
 * Sending uploads with a message (attachmentIds on POST /threads and POST …/messages). The
 * check runs before the send's batch transaction; the update runs inside it, so the message
 * and its attachments' tags (member, thread, ticket) commit together.
 */
import type { Actor } from "../../access/actor";
import type { PrismaClient } from "../../db/generated/client";
import { AppError } from "../../errors";
import { attachmentLimits } from "./attachment-limits";
import { attachmentViewSelect, toAttachmentView } from "./attachment-view";
import type { AttachmentView } from "./schemas";

/** Fails unless every id is the actor's own upload, not yet sent, and not refused or infected. */
export async function checkAttachmentsToSend(db: PrismaClient, actor: Actor, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const { maxPerMessage } = attachmentLimits();
  if (ids.length > maxPerMessage) throw new AppError("INVALID_INPUT", `A message can carry at most ${maxPerMessage} files.`);
  if (new Set(ids).size !== ids.length) throw new AppError("INVALID_INPUT", "The same file is attached twice.");
  const usable = await db.attachment.count({
    where: { id: { in: [...ids] }, uploaderId: actor.userId, messageId: null, status: { in: ["PENDING", "CLEAN"] } },
  });
  if (usable !== ids.length) {
    throw new AppError("INVALID_INPUT", "One of the files cannot be sent: it was removed, refused, already sent, or is not yours. Remove it and try again.");
  }
}

export type AttachmentTags = { messageId: string; threadId: string; ticketId: string | null; memberId: string };

/**
 * The update for the batch. Guarded (uploader, not yet sent) so an attachment can never move
 * to a second message, even when two sends race with the same ids.
 */
export function tagAttachments(db: PrismaClient, actor: Actor, ids: readonly string[], tags: AttachmentTags) {
  return db.attachment.updateMany({
    where: { id: { in: [...ids] }, uploaderId: actor.userId, messageId: null },
    data: { messageId: tags.messageId, threadId: tags.threadId, ticketId: tags.ticketId, memberId: tags.memberId },
  });
}

/** The attachments now on a just-sent message, for the answer to the send. */
export async function sentAttachments(db: PrismaClient, messageId: string, ids: readonly string[]): Promise<AttachmentView[]> {
  if (ids.length === 0) return [];
  const rows = await db.attachment.findMany({ where: { messageId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: attachmentViewSelect });
  return rows.map(toAttachmentView);
}
