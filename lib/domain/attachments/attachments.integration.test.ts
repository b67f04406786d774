// The attachment pipeline against the real parts: PostgreSQL, the run's clamd with the EICAR
// test signature (scripts/ci/ensure-clamav.sh), a private clamd for the outage case, and the
// local document storage driver (the S3 driver is exercised end to end in e2e/attachments).
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { privateClamd } from "../../../test/private-clamd";
import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { isAppError } from "../../errors";
import {
  exeRenamedJpg,
  hasExifOrGps,
  htmlFile,
  jpegWithEicarAppended,
  jpegWithGpsExif,
  minimalPdf,
  pdfWithEicarEmbedded,
  pdfWithJavaScript,
  polyglotJpegHtml,
  svgFile,
} from "../../files/test-files";
import { getDocumentStorage } from "../../storage/document-storage";
import { runDueJobs } from "../jobs/run-jobs";
import type { ClaimedJob } from "../jobs/job-types";
import { sendMessage } from "../messages/send-message";
import { listMessages } from "../messages/list-messages";
import { createThread } from "../threads/create-thread";
import { getTicket } from "../tickets/get-ticket";
import { getAttachment } from "./get-attachment";
import { listMemberDocuments } from "./list-member-documents";
import { readAttachmentContent } from "./read-attachment-content";
import { scanAttachmentJob } from "./scan-attachment";
import { scanJobType } from "./scan-job";
import { uploadAttachment, type UploadResult } from "./upload-attachment";

const key = () => `att-${randomUUID()}`;
const bytesOf = (b: Uint8Array | Buffer) => new Uint8Array(b) as Uint8Array<ArrayBuffer>;

async function upload(actor: Actor, bytes: Uint8Array | Buffer, fileName: string, declaredType: string | null): Promise<UploadResult> {
  return uploadAttachment(actor, { bytes: bytesOf(bytes), fileName, declaredType });
}

/** Runs the attachment's queued scan job the way the worker does, with the run's clamd. */
async function scanNow(scanJobId: string, scan?: Parameters<typeof scanAttachmentJob>[1]) {
  const db = await getDb();
  const job = await db.job.findUniqueOrThrow({ where: { id: scanJobId } });
  const claimed: ClaimedJob = { id: job.id, type: job.type, payload: job.payload, attempts: job.attempts + 1, maxAttempts: job.maxAttempts };
  return scanAttachmentJob(claimed, scan);
}

async function expectNotFound(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(isAppError(error) && error.code).toBe("NOT_FOUND");
}

async function expectRefused(promise: Promise<unknown>, message: RegExp) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(isAppError(error) && error.code).toBe("INVALID_INPUT");
  expect((error as Error).message).toMatch(message);
}

describe("attachments: upload, scan, store, tag, serve", () => {
  it("a member's photo is scanned, stripped of EXIF/GPS, stored, tagged and served only to those who may see it", async () => {
    const db = await getDb();
    const member = await actorFor("member@demo.test");
    const photo = await jpegWithGpsExif();
    expect(await hasExifOrGps(photo)).toBe(true);

    const { attachment, scanJobId } = await upload(member, photo, "rash.jpg", "image/jpeg");
    expect(attachment).toMatchObject({ status: "PENDING", fileName: "rash.jpg", contentType: "image/jpeg", documentType: "photo", contentUrl: null, thumbnailUrl: null });
    // Quarantined, not in storage, not served.
    expect(await db.attachmentQuarantine.count({ where: { attachmentId: attachment.id } })).toBe(1);
    await expectNotFound(readAttachmentContent(member, attachment.id, "original"));

    expect(await scanNow(scanJobId)).toEqual({ kind: "done" });
    const row = await db.attachment.findUniqueOrThrow({ where: { id: attachment.id } });
    expect(row).toMatchObject({ status: "CLEAN", memberId: member.userId });
    expect(row.storageKey).toMatch(/^documents\/\d{4}\/\d{2}\/[0-9a-f-]{36}$/);
    expect(row.storageKey).not.toContain("rash");
    expect(await db.attachmentQuarantine.count({ where: { attachmentId: attachment.id } })).toBe(0);

    const stored = await getDocumentStorage().get(row.storageKey!);
    expect(await hasExifOrGps(stored)).toBe(false);

    // Sent on a new conversation: tagged to the member, the thread and its ticket.
    const { thread, message } = await createThread(member, { body: "", clientMessageId: key(), attachmentIds: [attachment.id] });
    expect(message.body).toBe("");
    expect(message.attachments).toEqual([expect.objectContaining({ id: attachment.id, status: "CLEAN", contentUrl: `/api/v1/attachments/${attachment.id}/content` })]);
    const tagged = await db.attachment.findUniqueOrThrow({ where: { id: attachment.id } });
    expect(tagged).toMatchObject({ threadId: thread.id, messageId: message.id, ticketId: thread.ticket!.id, memberId: member.userId });

    // The member downloads exactly what is stored; so does the team's guide; both audited.
    const own = await readAttachmentContent(member, attachment.id, "original");
    expect(own.bytes.equals(stored)).toBe(true);
    expect(own.contentType).toBe("image/jpeg");
    const guide = await actorFor("guide@demo.test");
    expect((await readAttachmentContent(guide, attachment.id, "original")).bytes.equals(stored)).toBe(true);
    expect((await readAttachmentContent(guide, attachment.id, "thumbnail")).contentType).toBe("image/webp");
    const audits = await db.auditLog.findMany({ where: { recordType: "attachment", recordId: attachment.id }, select: { action: true, actorId: true, outcome: true } });
    expect(audits).toEqual(
      expect.arrayContaining([
        { action: "attachment.upload", actorId: member.userId, outcome: "ALLOWED" },
        { action: "attachment.scanned", actorId: null, outcome: "ALLOWED" },
        { action: "attachment.download", actorId: guide.userId, outcome: "ALLOWED" },
        { action: "attachment.viewThumbnail", actorId: guide.userId, outcome: "ALLOWED" },
      ]),
    );

    // The ticket sidebar lists it; the thread shows it on the message.
    const ticket = await getTicket(guide, thread.ticket!.id);
    expect(ticket.attachments.map((a) => a.id)).toEqual([attachment.id]);
    const listed = await listMessages(guide, thread.id, {});
    expect(listed.items.find((m) => m.id === message.id)?.attachments.map((a) => a.id)).toEqual([attachment.id]);

    // Another member and another team's guide: 404, audited as denied.
    for (const email of ["member2@demo.test", "guide2@demo.test"]) {
      const outsider = await actorFor(email);
      await expectNotFound(getAttachment(outsider, attachment.id));
      await expectNotFound(readAttachmentContent(outsider, attachment.id, "original"));
      await expectNotFound(readAttachmentContent(outsider, attachment.id, "thumbnail"));
      expect(await db.auditLog.count({ where: { actorId: outsider.userId, recordId: attachment.id, outcome: "DENIED" } })).toBe(3);
    }

    // The member's documents: for the nurse (clinical), not for the care guide.
    const nurse = await actorFor("nurse@demo.test");
    expect((await listMemberDocuments(nurse, member.userId)).items.map((a) => a.id)).toContain(attachment.id);
    await expectNotFound(listMemberDocuments(guide, member.userId));
  });

  it("a PDF is stored as sent, with no thumbnail", async () => {
    const member = await actorFor("member@demo.test");
    const pdf = await minimalPdf("Lab result");
    const { attachment, scanJobId } = await upload(member, pdf, "labs.pdf", "application/pdf");
    expect(attachment.documentType).toBe("document");
    await scanNow(scanJobId);
    const content = await readAttachmentContent(member, attachment.id, "original");
    expect(content.bytes.equals(Buffer.from(pdf))).toBe(true);
    expect(content.contentType).toBe("application/pdf");
    await expectNotFound(readAttachmentContent(member, attachment.id, "thumbnail"));
  });

  it.each([
    ["EICAR appended to a valid JPEG", "photo.jpg", "image/jpeg", jpegWithEicarAppended],
    ["EICAR embedded in a PDF", "scan.pdf", "application/pdf", pdfWithEicarEmbedded],
  ] as const)("%s passes the type check, is caught by the scanner, never stored or served; the team is alerted", async (_label, name, type, make) => {
    const db = await getDb();
    const member = await actorFor("member@demo.test");
    const before = new Date();
    // The type check lets it through: it is a real JPEG/PDF.
    const { attachment, scanJobId } = await upload(member, await make(), name, type);
    expect(attachment.status).toBe("PENDING");

    expect(await scanNow(scanJobId)).toEqual({ kind: "done" });
    const row = await db.attachment.findUniqueOrThrow({ where: { id: attachment.id } });
    expect(row).toMatchObject({ status: "INFECTED", storageKey: null, thumbnailKey: null });
    expect(row.signature).toMatch(/EICAR/i);
    expect(await db.attachmentQuarantine.count({ where: { attachmentId: attachment.id } })).toBe(0);

    const view = await getAttachment(member, attachment.id);
    expect(view).toMatchObject({ status: "INFECTED", contentUrl: null, thumbnailUrl: null });
    expect(view.statusMessage).toMatch(/virus/i);
    await expectNotFound(readAttachmentContent(member, attachment.id, "original"));
    await expectRefused(createThread(member, { body: "see file", clientMessageId: key(), attachmentIds: [attachment.id] }), /cannot be sent/);

    const audit = await db.auditLog.findFirst({ where: { action: "attachment.infected", recordId: attachment.id } });
    expect(audit).toMatchObject({ memberId: member.userId, outcome: "ALLOWED" });
    // Sunrise's staff (the member's care team) are alerted.
    const sunrise = await db.team.findUniqueOrThrow({ where: { name: "Sunrise" }, select: { memberships: { select: { userId: true, user: { select: { role: true } } } } } });
    const sunriseStaff = sunrise.memberships.filter((m) => m.user.role !== "MEMBER").map((m) => m.userId);
    const alerts = await db.notification.findMany({ where: { type: "ATTACHMENT_INFECTED", createdAt: { gte: before } }, select: { userId: true } });
    expect(new Set(alerts.map((a) => a.userId))).toEqual(new Set(sunriseStaff));
  });

  describe("with the scanner down", () => {
    const clamd = privateClamd();
    afterAll(() => clamd.dispose());

    it("the upload stays quarantined and unserved; once clamd is back the retry job scans it and it becomes available", async () => {
      const db = await getDb();
      const member = await actorFor("member@demo.test");
      const scan = { scan: { target: { path: clamd.socketPath }, timeoutMs: 5_000 } };
      const { attachment, scanJobId } = await upload(member, await jpegWithGpsExif(), "later.jpg", "image/jpeg");

      // clamd is not running: the job is postponed, the file stays in quarantine.
      const outcome = await scanNow(scanJobId, scan);
      expect(outcome).toMatchObject({ kind: "retry", error: "scanner unavailable" });
      await db.job.update({ where: { id: scanJobId }, data: { attempts: 1, runAt: new Date(Date.now() + 60_000) } });
      const waiting = await getAttachment(member, attachment.id);
      expect(waiting).toMatchObject({ status: "PENDING", contentUrl: null });
      expect(waiting.statusMessage).toMatch(/taking longer/);
      expect(await db.attachmentQuarantine.count({ where: { attachmentId: attachment.id } })).toBe(1);
      await expectNotFound(readAttachmentContent(member, attachment.id, "original"));

      // The worker's next pass after the back-off, with clamd started again.
      await clamd.start();
      const handlers = { [scanJobType]: { run: (job: ClaimedJob) => scanAttachmentJob(job, scan) } };
      await runDueJobs({ handlers, at: new Date(Date.now() + 120_000), limit: 50 });
      expect(await db.job.findUniqueOrThrow({ where: { id: scanJobId } })).toMatchObject({ status: "DONE", attempts: 2 });
      expect((await getAttachment(member, attachment.id)).status).toBe("CLEAN");
      expect((await readAttachmentContent(member, attachment.id, "original")).bytes.length).toBeGreaterThan(0);
    });
  });

  describe("refusals, before anything is kept", () => {
    it.each([
      ["an HTML page", htmlFile, "page.html", "text/html", /not allowed/i],
      ["an SVG image", svgFile, "logo.svg", "image/svg+xml", /not allowed/i],
      ["an executable renamed .jpg", exeRenamedJpg, "photo.jpg", "image/jpeg", /not allowed/i],
      ["a polyglot JPEG/HTML", polyglotJpegHtml, "photo.jpg", "image/jpeg", /not allowed/i],
      ["a JPEG declared as a PDF", jpegWithGpsExif, "photo.pdf", "application/pdf", /does not match/i],
      ["a path-traversal file name", jpegWithGpsExif, "../../etc/passwd.jpg", "image/jpeg", /folder/i],
      // Issue 9: /OpenAction JavaScript in an object stream with a %comment before its index (read by qpdf).
      ["a PDF whose opening runs JavaScript, hidden in an object stream", async () => pdfWithJavaScript({ packing: "object-stream", disguise: "comment-before-index" }), "letter.pdf", "application/pdf", /^This PDF contains scripts/],
    ] as const)("%s", async (_label, make, name, type, message) => {
      const db = await getDb();
      const member = await actorFor("member@demo.test");
      const before = await db.attachment.count();
      await expectRefused(upload(member, await make(), name, type), message);
      expect(await db.attachment.count()).toBe(before);
    });

    it("an oversized file", async () => {
      const member = await actorFor("member@demo.test");
      const big = Buffer.alloc(20 * 1000 * 1000 + 1, 0xff);
      await expectRefused(upload(member, big, "big.jpg", "image/jpeg"), /limited to 20 MB/);
    });

    it("attachments that are not the sender's own unsent uploads", async () => {
      const member = await actorFor("member@demo.test");
      const member2 = await actorFor("member2@demo.test");
      const { attachment } = await upload(member, await minimalPdf("x"), "mine.pdf", "application/pdf");
      // Another member cannot send it (nor see it).
      await expectRefused(createThread(member2, { body: "hi", clientMessageId: key(), attachmentIds: [attachment.id] }), /cannot be sent/);
      await expectNotFound(getAttachment(member2, attachment.id));
      // Sent once, it cannot move to a second message.
      const { thread } = await createThread(member, { body: "first", clientMessageId: key(), attachmentIds: [attachment.id] });
      await expectRefused(sendMessage(member, thread.id, { body: "again", clientMessageId: key(), attachmentIds: [attachment.id] }), /cannot be sent/);
    });

    it("a file on an internal note never reaches the member", async () => {
      const member = await actorFor("member@demo.test");
      const guide = await actorFor("guide@demo.test");
      const { thread } = await createThread(member, { body: "question", clientMessageId: key() });
      const { attachment, scanJobId } = await upload(guide, await minimalPdf("note"), "note.pdf", "application/pdf");
      await scanNow(scanJobId);
      await sendMessage(guide, thread.id, { body: "internal", visibility: "internal", clientMessageId: key(), attachmentIds: [attachment.id] });
      await expectNotFound(getAttachment(member, attachment.id));
      await expectNotFound(readAttachmentContent(member, attachment.id, "original"));
      const nurse = await actorFor("nurse@demo.test");
      expect((await getAttachment(nurse, attachment.id)).status).toBe("CLEAN");
    });
  });
});

describe("never-sent uploads", () => {
  it("are deleted with their stored objects after a day; sent ones are kept", async () => {
    const db = await getDb();
    const member = await actorFor("member@demo.test");
    const unsent = await upload(member, await minimalPdf("forgotten"), "forgotten.pdf", "application/pdf");
    await scanNow(unsent.scanJobId);
    const sent = await upload(member, await minimalPdf("kept"), "kept.pdf", "application/pdf");
    await scanNow(sent.scanJobId);
    await createThread(member, { body: "with a file", clientMessageId: key(), attachmentIds: [sent.attachment.id] });
    const unsentKey = (await db.attachment.findUniqueOrThrow({ where: { id: unsent.attachment.id } })).storageKey!;

    // A day later (and a minute), from the worker's point of view.
    const { purgeAbandonedUploads } = await import("./purge-abandoned-uploads");
    const later = new Date(Date.now() + 24 * 60 * 60_000 + 60_000);
    while ((await purgeAbandonedUploads({ now: later })) > 0) {
      /* drain */
    }
    expect(await db.attachment.findUnique({ where: { id: unsent.attachment.id } })).toBeNull();
    await expect(getDocumentStorage().get(unsentKey)).rejects.toThrow();
    expect(await db.auditLog.count({ where: { action: "attachment.purgeUnsent", recordId: unsent.attachment.id } })).toBe(1);
    expect((await db.attachment.findUniqueOrThrow({ where: { id: sent.attachment.id } })).status).toBe("CLEAN");
  });
});

describe("admitUpload", () => {
  it("refuses roles without the capability and caps unsent uploads", async () => {
    const { admitUpload, MAX_UNSENT_UPLOADS } = await import("./admit-upload");
    const admin = await actorFor("admin@demo.test");
    const error = await admitUpload(admin).then(() => null, (e: unknown) => e);
    expect(isAppError(error) && error.code).toBe("FORBIDDEN");

    const db = await getDb();
    const member3 = await actorFor("member3@demo.test");
    await admitUpload(member3);
    await db.attachment.createMany({
      data: Array.from({ length: MAX_UNSENT_UPLOADS }, () => ({ id: randomUUID(), uploaderId: member3.userId, memberId: member3.userId, status: "INFECTED" as const, displayName: "x.jpg", sizeBytes: 1 })),
    });
    const capped = await admitUpload(member3).then(() => null, (e: unknown) => e);
    expect(isAppError(capped) && capped.code).toBe("CONFLICT");
    await db.attachment.deleteMany({ where: { uploaderId: member3.userId, messageId: null } });
  });
});
