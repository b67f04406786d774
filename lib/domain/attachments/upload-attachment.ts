/**
 * Accepts an upload (POST /api/v1/attachments): checks it before anything is kept (size,
 * type from the bytes, file name — lib/files/inspect-upload.ts), then holds it in quarantine
 * and queues its virus scan. Nothing reaches document storage here; scan-attachment.ts
 * stores the file once ClamAV has called it clean.
 *
 * The attachment row, its quarantined bytes, the scan job and the audit row commit together.
 * The caller runs the job straight after answering (runJobNow), so a healthy scanner gives a
 * verdict within moments; a scanner outage leaves the job to the retry worker.
 */
import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { inspectUpload } from "../../files/inspect-upload";
import { logger } from "../../log/logger";
import { authorize } from "../audit/authorize";
import { auditRowData } from "../audit/audit-row-data";
import { jobData } from "../jobs/enqueue-job";
import { uuid7 } from "../shared/uuid7";
import { attachmentLimits, tooLargeMessage } from "./attachment-limits";
import { attachmentViewSelect, toAttachmentView } from "./attachment-view";
import { scanJobType, scanJobMaxAttempts } from "./scan-job";
import type { AttachmentView } from "./schemas";

export type UploadInput = { bytes: Uint8Array<ArrayBuffer>; fileName: string; declaredType: string | null };

export type UploadResult = { attachment: AttachmentView; scanJobId: string };

export async function uploadAttachment(actor: Actor, input: UploadInput): Promise<UploadResult> {
  await authorize(actor, "attachment.upload");
  const { maxBytes } = attachmentLimits();
  if (input.bytes.byteLength > maxBytes) throw new AppError("INVALID_INPUT", tooLargeMessage(maxBytes));

  const inspected = await inspectUpload(input);
  if (!inspected.ok) {
    // The reason code only: never the name or the bytes.
    if (inspected.code === "pdf_checker_missing") logger.warn({ code: inspected.code }, "PDF upload refused: qpdf is not installed (apt-get install qpdf, or set QPDF_PATH)");
    else logger.info({ code: inspected.code, actorRole: actor.role }, "upload refused");
    throw new AppError("INVALID_INPUT", inspected.message);
  }

  const db = await getDb();
  const now = new Date();
  const id = uuid7(now.getTime());
  const job = jobData(scanJobType, { attachmentId: id }, { maxAttempts: scanJobMaxAttempts });
  // A member's upload is about that member from the start; a staff upload is tagged to the
  // member when it is sent on a thread.
  const memberId = actor.role === "MEMBER" ? actor.userId : null;

  const [row] = await db.$transaction([
    db.attachment.create({
      data: {
        id,
        uploaderId: actor.userId,
        memberId,
        status: "PENDING",
        displayName: inspected.fileName,
        declaredType: input.declaredType?.slice(0, 100) || null,
        detectedType: inspected.contentType,
        documentType: inspected.contentType === "application/pdf" ? "document" : "photo",
        sizeBytes: input.bytes.byteLength,
        createdAt: now,
      },
      select: attachmentViewSelect,
    }),
    db.attachmentQuarantine.create({ data: { attachmentId: id, bytes: input.bytes }, select: { attachmentId: true } }),
    db.job.create({ data: job, select: { id: true } }),
    db.auditLog.create({
      data: auditRowData(actor, {
        action: "attachment.upload",
        memberId,
        recordType: "attachment",
        recordId: id,
        details: { contentType: inspected.contentType, sizeBytes: input.bytes.byteLength },
      }),
      select: { id: true },
    }),
  ]);
  return { attachment: toAttachmentView(row), scanJobId: job.id as string };
}
