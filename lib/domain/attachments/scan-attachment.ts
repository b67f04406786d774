/**
 * The scan job (DESIGN.md §4 "Attachments"): takes a quarantined upload through ClamAV and
 * decides its fate. ⚠ Security-critical, fail closed:
 *  - clean    → images are re-encoded without metadata (and get a thumbnail), the bytes go
 *               to document storage under random keys, the row becomes CLEAN;
 *  - infected → the quarantined bytes are deleted, the row becomes INFECTED with the
 *               signature, the team is alerted, the event is audited;
 *  - anything else (no daemon, time-out, an unclear answer) → the file stays quarantined
 *               (PENDING, never served) and the job is retried with back-off; when the
 *               retries run out it becomes FAILED and the bytes are deleted.
 * Each verdict is written with a guard on status PENDING, so a scan that raced another
 * runner changes nothing (and removes what it stored).
 */
import { createHash } from "node:crypto";
import { getDb } from "../../db/client";
import type { Prisma, PrismaClient } from "../../db/generated/client";
import { ImageDecodeError, sanitizeImage } from "../../files/sanitize-image";
import { logger } from "../../log/logger";
import { scanBytes, type ScanOptions } from "../../scanner/scan-bytes";
import { getDocumentStorage, newStorageKey, type DocumentStorage } from "../../storage/document-storage";
import { auditRowData } from "../audit/audit-row-data";
import { backoffMs, type ClaimedJob, type JobOutcome } from "../jobs/job-types";
import { createOutboxEvent } from "../outbox/outbox-event";
import { uuid7 } from "../shared/uuid7";
import { scanFailedMessage } from "./attachment-view";
import { scanJobPayload } from "./scan-job";
import { staffToAlert, teamIdsToAlert } from "./team-alert";

export type ScanAttachmentOptions = { scan?: ScanOptions; storage?: DocumentStorage };

const pendingSelect = {
  id: true,
  uploaderId: true,
  memberId: true,
  threadId: true,
  detectedType: true,
  uploader: { select: { role: true } },
  message: { select: { visibility: true } },
  thread: { select: { teamId: true } },
  quarantine: { select: { bytes: true } },
} as const satisfies Prisma.AttachmentSelect;

type Pending = Prisma.AttachmentGetPayload<{ select: typeof pendingSelect }>;

/** The job handler for "attachment.scan". */
export async function scanAttachmentJob(job: ClaimedJob, options: ScanAttachmentOptions = {}): Promise<JobOutcome> {
  const payload = scanJobPayload(job.payload);
  if (!payload) return { kind: "dead", error: "malformed payload" };
  const db = await getDb();
  const row = await db.attachment.findFirst({ where: { id: payload.attachmentId, status: "PENDING" }, select: pendingSelect });
  // Already decided (another runner, or a retry after a crash): nothing to do.
  if (!row) return { kind: "done" };
  if (!row.quarantine) {
    await markFailed(db, row, "quarantine_missing");
    return { kind: "dead", error: "quarantined bytes missing" };
  }

  const bytes = Buffer.from(row.quarantine.bytes);
  const result = await scanBytes(bytes, options.scan);
  if (result.verdict === "clean") return storeClean(db, row, bytes, options.storage ?? getDocumentStorage());
  if (result.verdict === "infected") {
    await markInfected(db, row, result.signature);
    return { kind: "done" };
  }
  if (result.reason === "too_large") {
    await markFailed(db, row, "too_large_for_scanner");
    return { kind: "dead", error: "too large for the scanner" };
  }
  if (job.attempts >= job.maxAttempts) {
    await markFailed(db, row, `scanner_${result.reason}`);
    return { kind: "dead", error: `scanner ${result.reason}; attempts used up` };
  }
  // Still quarantined; the count tells the uploader the check is delayed.
  await db.attachment.updateMany({ where: { id: row.id, status: "PENDING" }, data: { scanAttempts: { increment: 1 } } });
  logger.warn({ attachmentId: row.id, reason: result.reason, attempt: job.attempts }, "attachment scan postponed");
  return { kind: "retry", delayMs: backoffMs(job.attempts), error: `scanner ${result.reason}` };
}

/** Whether the uploader (a member) or the member-visible message it is on lets the member see events about it. */
function memberVisible(row: Pending): boolean {
  return row.message ? row.message.visibility === "MEMBER" : row.uploader.role === "MEMBER";
}

function scannedEvent(db: PrismaClient, row: Pending, status: string) {
  return createOutboxEvent(db, {
    type: "attachment.scanned",
    teamId: row.thread?.teamId ?? null,
    threadId: row.threadId,
    memberId: row.memberId,
    payload: { attachmentId: row.id, status, uploaderId: row.uploaderId, memberVisible: memberVisible(row) },
  });
}

type Stored = { key: string; thumbnailKey: string | null; bytes: Buffer; width: number | null; height: number | null };

async function prepareForStorage(row: Pending, bytes: Buffer): Promise<Omit<Stored, "key" | "thumbnailKey"> & { thumbnail: Buffer | null; contentType: string }> {
  const type = row.detectedType;
  if (type === "image/jpeg" || type === "image/png" || type === "image/webp") {
    const image = await sanitizeImage(bytes, type);
    return { bytes: image.bytes, contentType: image.contentType, width: image.width, height: image.height, thumbnail: image.thumbnail };
  }
  if (type === "application/pdf") return { bytes, contentType: type, width: null, height: null, thumbnail: null };
  // The upload check admits nothing else; a row that says otherwise is not trusted.
  throw new ImageDecodeError("unexpected type");
}

async function storeClean(db: PrismaClient, row: Pending, scanned: Buffer, storage: DocumentStorage): Promise<JobOutcome> {
  let prepared;
  try {
    prepared = await prepareForStorage(row, scanned);
  } catch (error) {
    if (!(error instanceof ImageDecodeError)) throw error;
    await markRejected(db, row, "The image could not be read. Try another photo.");
    return { kind: "done" };
  }

  const key = newStorageKey();
  const thumbnailKey = prepared.thumbnail ? newStorageKey() : null;
  await storage.put(key, prepared.bytes, { contentType: prepared.contentType });
  if (thumbnailKey && prepared.thumbnail) await storage.put(thumbnailKey, prepared.thumbnail, { contentType: "image/webp" });

  const now = new Date();
  const [updated] = await db.$transaction([
    db.attachment.updateMany({
      where: { id: row.id, status: "PENDING" },
      data: {
        status: "CLEAN",
        storageKey: key,
        thumbnailKey,
        sizeBytes: prepared.bytes.byteLength,
        sha256: createHash("sha256").update(prepared.bytes).digest("hex"),
        width: prepared.width,
        height: prepared.height,
        scannedAt: now,
      },
    }),
    db.attachmentQuarantine.deleteMany({ where: { attachmentId: row.id } }),
    db.auditLog.create({
      data: auditRowData(null, { action: "attachment.scanned", memberId: row.memberId, recordType: "attachment", recordId: row.id, details: { verdict: "clean" } }),
      select: { id: true },
    }),
    scannedEvent(db, row, "CLEAN"),
  ]);
  if (updated.count === 0) {
    // Another runner decided first; its objects are the ones the row points at.
    await Promise.all([storage.delete(key), thumbnailKey ? storage.delete(thumbnailKey) : null]);
  }
  return { kind: "done" };
}

async function markInfected(db: PrismaClient, row: Pending, signature: string): Promise<void> {
  const staff = await staffToAlert(db, await teamIdsToAlert(db, row));
  const now = new Date();
  await db.$transaction([
    db.attachment.updateMany({ where: { id: row.id, status: "PENDING" }, data: { status: "INFECTED", signature: signature.slice(0, 200), scannedAt: now } }),
    // The bytes go now; nothing of an infected file is kept.
    db.attachmentQuarantine.deleteMany({ where: { attachmentId: row.id } }),
    db.auditLog.create({
      data: auditRowData(null, {
        action: "attachment.infected",
        memberId: row.memberId,
        recordType: "attachment",
        recordId: row.id,
        // The signature names the malware, not anything the member wrote.
        details: { signature: signature.slice(0, 200), uploaderId: row.uploaderId, alerted: staff.length },
      }),
      select: { id: true },
    }),
    db.notification.createMany({
      data: staff.map((userId) => ({ id: uuid7(now.getTime()), userId, type: "ATTACHMENT_INFECTED" as const, threadId: row.threadId, createdAt: now })),
    }),
    scannedEvent(db, row, "INFECTED"),
  ]);
  logger.warn({ attachmentId: row.id, alerted: staff.length }, "infected attachment removed");
}

async function markFailed(db: PrismaClient, row: Pending, reason: string): Promise<void> {
  await settleWithoutStoring(db, row, "FAILED", scanFailedMessage, { reason });
}

async function markRejected(db: PrismaClient, row: Pending, message: string): Promise<void> {
  await settleWithoutStoring(db, row, "REJECTED", message, { reason: "undecodable_image" });
}

async function settleWithoutStoring(db: PrismaClient, row: Pending, status: "FAILED" | "REJECTED", message: string, details: Prisma.InputJsonObject): Promise<void> {
  await db.$transaction([
    db.attachment.updateMany({ where: { id: row.id, status: "PENDING" }, data: { status, rejectReason: message, scannedAt: new Date() } }),
    db.attachmentQuarantine.deleteMany({ where: { attachmentId: row.id } }),
    db.auditLog.create({
      data: auditRowData(null, { action: `attachment.${status.toLowerCase()}`, memberId: row.memberId, recordType: "attachment", recordId: row.id, details }),
      select: { id: true },
    }),
    scannedEvent(db, row, status),
  ]);
}
