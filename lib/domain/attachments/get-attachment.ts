import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { authorize } from "../audit/authorize";
import { recordAudit } from "../audit/record-audit";
import { attachmentWhereForActor } from "./attachment-scope";
import { attachmentViewSelect, toAttachmentView } from "./attachment-view";
import type { AttachmentView } from "./schemas";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";

/**
 * An attachment's metadata and status (GET /api/v1/attachments/{id}); the uploader polls it
 * while the scan runs. Not audited when read by its own uploader before it is sent (that is
 * their own upload, not someone's record); audited otherwise.
 */
export async function getAttachment(actor: Actor, attachmentId: string): Promise<AttachmentView> {
  await authorize(actor, "attachment.read", { recordType: "attachment", recordId: attachmentId }, { denyAs: "NOT_FOUND" });
  const db = await getDb();
  const id = parseRecordId(attachmentId);
  const row = id
    ? await db.attachment.findFirst({
        where: { AND: [{ id }, attachmentWhereForActor(actor)] },
        select: { ...attachmentViewSelect, uploaderId: true, memberId: true },
      })
    : null;
  if (!row) throw await recordNotFound(db, actor, { action: "attachment.read", recordType: "attachment", recordId: attachmentId });
  if (!(row.uploaderId === actor.userId && row.messageId === null)) {
    await recordAudit(db, actor, { action: "attachment.read", memberId: row.memberId, recordType: "attachment", recordId: row.id });
  }
  return toAttachmentView(row);
}
