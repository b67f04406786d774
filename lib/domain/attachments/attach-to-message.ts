/**
 * Sending uploads with a message (attachmentIds on POST /threads and POST …/messages). The
 * check runs before the send's batch transaction; the update runs inside it, so the message
 * and its attachments' tags (member, thread, ticket) commit together.
 */
import type { Actor } from "../../access/actor";
import type { PrismaClient } from "../../db/generated/client";
import { AppError } from "../../errors";
import { attachmentLimits } from "./attachment-limits";
import { abandonedUploadAgeMs } from "./purge-abandoned-uploads";

/** An hour short of the purge age. */
const sendableAgeMs = abandonedUploadAgeMs - 60 * 60_000;
import { attachmentViewSelect, toAttachmentView } from "./attachment-view";
import type { AttachmentView } from "./schemas";

/** Fails unless every id is the actor's own upload, not yet sent, and not refused or infected. */
export async function checkAttachmentsToSend(db: PrismaClient, actor: Actor, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const { maxPerMessage } = attachmentLimits();
  if (ids.length > maxPerMessage) throw new AppError("INVALID_INPUT", `A message can carry at most ${maxPerMessage} files.`);
  if (new Set(ids).size !== ids.length) throw new AppError("INVALID_INPUT", "The same file is attached twice.");
  const usable = await db.attachment.count({
    // Uploads close to the purge of never-sent files (purge-abandoned-uploads.ts) are not
    // sendable: the purge must never take a file from a message being sent.
    where: { id: { in: [...ids] }, uploaderId: actor.userId, messageId: null, status: { in: ["PENDING", "CLEAN"] }, createdAt: { gt: new Date(Date.now() - sendableAgeMs) } },
  });
  if (usable !== ids.length) {
    throw new AppError("INVALID_INPUT", "One of the files cannot be sent: it was removed, refused, already sent, or is not yours. Remove it and try again.");
  }
}

export type AttachmentTags = { messageId: string; threadId: string; ticketId: string | null; memberId: string };

/**
 * The update for the batch. Guarded (uploader, not yet sent, not refused) so an attachment can
 * never move to a second message. Known gap: when two sends race with the same ids (two
 * tabs), the loser's message commits without the files — the batch transaction cannot look
 * at the count between statements; the checks above make this the only way it happens.
 */
export function tagAttachments(db: PrismaClient, actor: Actor, ids: readonly string[], tags: AttachmentTags) {
  return db.attachment.updateMany({
    where: { id: { in: [...ids] }, uploaderId: actor.userId, messageId: null, status: { in: ["PENDING", "CLEAN"] } },
    data: { messageId: tags.messageId, threadId: tags.threadId, ticketId: tags.ticketId, memberId: tags.memberId },
  });
}

/** The attachments now on a just-sent message, for the answer to the send. */
export async function sentAttachments(db: PrismaClient, messageId: string, ids: readonly string[]): Promise<AttachmentView[]> {
  if (ids.length === 0) return [];
  const rows = await db.attachment.findMany({ where: { messageId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: attachmentViewSelect });
  return rows.map(toAttachmentView);
}
