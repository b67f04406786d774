/**
 * The scan job (DESIGN.md §4 "Attachments"): takes a quarantined upload through ClamAV and
 * decides its fate. ⚠ Security-critical, fail closed:
 *  - clean    → images are re-encoded without metadata (and get a thumbnail), the bytes go
 *               to document storage under random keys, the row becomes CLEAN;
 *  - infected → the quarantined bytes are deleted, the row becomes INFECTED with the
 *               signature, the team is alerted, the event is audited;
 *  - anything else (no daemon, time-out, an unclear answer) → the file stays quarantined
 *               (PENDING, never served) and the job is retried with back-off; when the
 *               retries run out (or the job keeps crashing) it becomes FAILED and the bytes
 *               are deleted (failAttachmentScan).
 * Each verdict is written in a transaction that first moves the row out of PENDING and
 * writes its audit row, alert and event only if that succeeded — so a scan that lost a race
 * changes nothing (and removes what it stored). Where the event and alert go is read inside
 * that transaction: the file may have been sent on a thread during the scan.
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
import { inScanSlot } from "./scan-slots";
import { staffToAlert, teamIdsToAlert } from "./team-alert";

export type ScanAttachmentOptions = { scan?: ScanOptions; storage?: DocumentStorage };

type Tx = Prisma.TransactionClient;

/** The job handler for "attachment.scan". */
export async function scanAttachmentJob(job: ClaimedJob, options: ScanAttachmentOptions = {}): Promise<JobOutcome> {
  const payload = scanJobPayload(job.payload);
  if (!payload) return { kind: "dead", error: "malformed payload" };
  return inScanSlot(() => scan(payload.attachmentId, job, options));
}

/** onDead of the scan job: a file whose scan was given up is FAILED and its bytes deleted. */
export async function failAttachmentScan(job: ClaimedJob): Promise<void> {
  const payload = scanJobPayload(job.payload);
  if (payload) await settleWithoutStoring(await getDb(), payload.attachmentId, "FAILED", scanFailedMessage, { reason: "scan_given_up" });
}

async function scan(attachmentId: string, job: ClaimedJob, options: ScanAttachmentOptions): Promise<JobOutcome> {
  const db = await getDb();
  const row = await db.attachment.findFirst({
    where: { id: attachmentId, status: "PENDING" },
    select: { id: true, detectedType: true, quarantine: { select: { bytes: true } } },
  });
  // Already decided (another runner, or a retry after a crash): nothing to do.
  if (!row) return { kind: "done" };
  if (!row.quarantine) {
    await settleWithoutStoring(db, row.id, "FAILED", scanFailedMessage, { reason: "quarantine_missing" });
    return { kind: "dead", error: "quarantined bytes missing" };
  }

  const bytes = Buffer.from(row.quarantine.bytes);
  const result = await scanBytes(bytes, options.scan);
  if (result.verdict === "clean") return storeClean(db, row.id, row.detectedType, bytes, options.storage ?? getDocumentStorage());
  if (result.verdict === "infected") {
    await markInfected(db, row.id, result.signature);
    return { kind: "done" };
  }
  if (result.reason === "too_large") {
    await settleWithoutStoring(db, row.id, "FAILED", scanFailedMessage, { reason: "too_large_for_scanner" });
    return { kind: "dead", error: "too large for the scanner" };
  }
  if (job.attempts >= job.maxAttempts) {
    await settleWithoutStoring(db, row.id, "FAILED", scanFailedMessage, { reason: `scanner_${result.reason}` });
    return { kind: "dead", error: `scanner ${result.reason}; attempts used up` };
  }
  // Still quarantined; the count tells the uploader the check is delayed.
  await db.attachment.updateMany({ where: { id: row.id, status: "PENDING" }, data: { scanAttempts: { increment: 1 } } });
  logger.warn({ attachmentId: row.id, reason: result.reason, attempt: job.attempts }, "attachment scan postponed");
  return { kind: "retry", delayMs: backoffMs(job.attempts), error: `scanner ${result.reason}` };
}

/** Where a decided attachment's event goes and who may receive it, read at decision time. */
async function routing(tx: Tx, attachmentId: string) {
  return tx.attachment.findUniqueOrThrow({
    where: { id: attachmentId },
    select: {
      id: true,
      uploaderId: true,
      memberId: true,
      threadId: true,
      uploader: { select: { role: true } },
      message: { select: { visibility: true } },
      thread: { select: { teamId: true } },
    },
  });
}

type Routing = Awaited<ReturnType<typeof routing>>;

function scannedEvent(tx: Tx, row: Routing, status: string) {
  // The member may hear of it when they uploaded it, or it is on a member-visible message.
  const memberVisible = row.message ? row.message.visibility === "MEMBER" : row.uploader.role === "MEMBER";
  return createOutboxEvent(tx, {
    type: "attachment.scanned",
    teamId: row.thread?.teamId ?? null,
    threadId: row.threadId,
    memberId: row.memberId,
    payload: { attachmentId: row.id, status, uploaderId: row.uploaderId, memberVisible },
  });
}

type Prepared = { bytes: Buffer; contentType: string; width: number | null; height: number | null; thumbnail: Buffer | null };

async function prepareForStorage(type: string | null, bytes: Buffer): Promise<Prepared> {
  if (type === "image/jpeg" || type === "image/png" || type === "image/webp") {
    const image = await sanitizeImage(bytes, type);
    return { bytes: image.bytes, contentType: image.contentType, width: image.width, height: image.height, thumbnail: image.thumbnail };
  }
  if (type === "application/pdf") return { bytes, contentType: type, width: null, height: null, thumbnail: null };
  // The upload check admits nothing else; a row that says otherwise is not trusted.
  throw new ImageDecodeError("unexpected type");
}

async function storeClean(db: PrismaClient, attachmentId: string, type: string | null, scanned: Buffer, storage: DocumentStorage): Promise<JobOutcome> {
  let prepared: Prepared;
  try {
    prepared = await prepareForStorage(type, scanned);
  } catch (error) {
    if (!(error instanceof ImageDecodeError)) throw error;
    await settleWithoutStoring(db, attachmentId, "REJECTED", "The image could not be read. Try another photo.", { reason: "undecodable_image" });
    return { kind: "done" };
  }

  const key = newStorageKey();
  const thumbnailKey = prepared.thumbnail ? newStorageKey() : null;
  const stored: string[] = [];
  const removeStored = () => Promise.allSettled(stored.map((k) => storage.delete(k)));
  let decided = false;
  try {
    await storage.put(key, prepared.bytes, { contentType: prepared.contentType });
    stored.push(key);
    if (thumbnailKey && prepared.thumbnail) {
      await storage.put(thumbnailKey, prepared.thumbnail, { contentType: "image/webp" });
      stored.push(thumbnailKey);
    }
    decided = await db.$transaction(async (tx) => {
      const { count } = await tx.attachment.updateMany({
        where: { id: attachmentId, status: "PENDING" },
        data: {
          status: "CLEAN",
          storageKey: key,
          thumbnailKey,
          sizeBytes: prepared.bytes.byteLength,
          sha256: createHash("sha256").update(prepared.bytes).digest("hex"),
          width: prepared.width,
          height: prepared.height,
          scannedAt: new Date(),
        },
      });
      if (count === 0) return false;
      const row = await routing(tx, attachmentId);
      await tx.attachmentQuarantine.deleteMany({ where: { attachmentId } });
      await tx.auditLog.create({ data: auditRowData(null, { action: "attachment.scanned", memberId: row.memberId, recordType: "attachment", recordId: row.id, details: { verdict: "clean" } }), select: { id: true } });
      await scannedEvent(tx, row, "CLEAN");
      return true;
    });
  } finally {
    // A failed write or a lost race leaves nothing behind in storage.
    if (!decided) await removeStored();
  }
  return { kind: "done" };
}

async function markInfected(db: PrismaClient, attachmentId: string, signature: string): Promise<void> {
  const name = signature.slice(0, 200);
  const alerted = await db.$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.attachment.updateMany({ where: { id: attachmentId, status: "PENDING" }, data: { status: "INFECTED", signature: name, scannedAt: now } });
    if (count === 0) return null;
    const row = await routing(tx, attachmentId);
    // The bytes go now; nothing of an infected file is kept.
    await tx.attachmentQuarantine.deleteMany({ where: { attachmentId } });
    const staff = await staffToAlert(tx, await teamIdsToAlert(tx, row));
    await tx.auditLog.create({
      data: auditRowData(null, {
        action: "attachment.infected",
        memberId: row.memberId,
        recordType: "attachment",
        recordId: row.id,
        // The signature names the malware, not anything the member wrote.
        details: { signature: name, uploaderId: row.uploaderId, alerted: staff.length },
      }),
      select: { id: true },
    });
    await tx.notification.createMany({
      data: staff.map((userId) => ({ id: uuid7(now.getTime()), userId, type: "ATTACHMENT_INFECTED" as const, threadId: row.threadId, createdAt: now })),
    });
    await scannedEvent(tx, row, "INFECTED");
    return staff.length;
  });
  if (alerted !== null) logger.warn({ attachmentId, alerted }, "infected attachment removed");
}

async function settleWithoutStoring(db: PrismaClient, attachmentId: string, status: "FAILED" | "REJECTED", message: string, details: Prisma.InputJsonObject): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.attachment.updateMany({ where: { id: attachmentId, status: "PENDING" }, data: { status, rejectReason: message, scannedAt: new Date() } });
    if (count === 0) return;
    const row = await routing(tx, attachmentId);
    await tx.attachmentQuarantine.deleteMany({ where: { attachmentId } });
    await tx.auditLog.create({
      data: auditRowData(null, { action: `attachment.${status.toLowerCase()}`, memberId: row.memberId, recordType: "attachment", recordId: row.id, details }),
      select: { id: true },
    });
    await scannedEvent(tx, row, status);
  });
}
