/**
 * The bytes of an attachment (GET /api/v1/attachments/{id}/content and …/thumbnail).
 * ⚠ Security-critical: served only when the actor reaches the attachment (attachment-scope.ts)
 * AND it is CLEAN; anything else is the same NOT_FOUND, audited as DENIED. Every served read
 * is audited (who viewed which member's document, from where). The bytes are checked against
 * the hash recorded when they were stored, so storage tampering is refused, not served.
 */
import { createHash } from "node:crypto";
import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { getDocumentStorage, isDocumentNotFound, type DocumentStorage } from "../../storage/document-storage";
import { authorize } from "../audit/authorize";
import { recordAudit } from "../audit/record-audit";
import { attachmentWhereForActor } from "./attachment-scope";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";

export type AttachmentVariant = "original" | "thumbnail";

export type AttachmentContent = { bytes: Buffer; contentType: string; fileName: string; variant: AttachmentVariant };

export async function readAttachmentContent(
  actor: Actor,
  attachmentId: string,
  variant: AttachmentVariant,
  storage: DocumentStorage = getDocumentStorage(),
): Promise<AttachmentContent> {
  const action = variant === "thumbnail" ? "attachment.viewThumbnail" : "attachment.download";
  await authorize(actor, "attachment.read", { recordType: "attachment", recordId: attachmentId }, { denyAs: "NOT_FOUND" });
  const db = await getDb();
  const id = parseRecordId(attachmentId);
  const row = id
    ? await db.attachment.findFirst({
        where: { AND: [{ id }, attachmentWhereForActor(actor)] },
        select: { id: true, status: true, memberId: true, displayName: true, detectedType: true, storageKey: true, thumbnailKey: true, sha256: true },
      })
    : null;
  if (!row) throw await recordNotFound(db, actor, { action, recordType: "attachment", recordId: attachmentId });
  const key = variant === "thumbnail" ? row.thumbnailKey : row.storageKey;
  if (row.status !== "CLEAN" || !key || !row.detectedType) throw await recordNotFound(db, actor, { action, recordType: "attachment", recordId: attachmentId, reason: `not_clean_${row.status.toLowerCase()}` });

  let bytes: Buffer;
  try {
    bytes = await storage.get(key);
  } catch (error) {
    if (!isDocumentNotFound(error)) throw error;
    throw await recordNotFound(db, actor, { action, recordType: "attachment", recordId: attachmentId, reason: "missing_in_storage" });
  }
  if (variant === "original" && row.sha256 && createHash("sha256").update(bytes).digest("hex") !== row.sha256) {
    throw await recordNotFound(db, actor, { action, recordType: "attachment", recordId: attachmentId, reason: "hash_mismatch" });
  }

  await recordAudit(db, actor, { action, memberId: row.memberId, recordType: "attachment", recordId: row.id });
  return {
    bytes,
    contentType: variant === "thumbnail" ? "image/webp" : row.detectedType,
    fileName: row.displayName,
    variant,
  };
}
