import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { countRoundTrips } from "../../../test/round-trips";
import { getDb } from "../../db/client";
import { messageWhereForActor } from "../../access/scopes";
import { createMember, createStaff, createTeam, createTicket } from "../tickets/test-fixtures";
import { messageViewSelect, toMessageView } from "./message-view";
import { createThread } from "../threads/create-thread";
import { listThreads } from "../threads/list-threads";
import { listMessages } from "./list-messages";
import { sendMessage } from "./send-message";

const key = () => `lm-${randomUUID()}`;

async function conversation() {
  const member = await actorFor("member.hiroshi.watanabe@demo.test");
  const guide = await actorFor("guide@demo.test");
  const nurse = await actorFor("nurse@demo.test");
  const { thread } = await createThread(member, { subject: "Knee", body: "My knee hurts after the fall.", clientMessageId: key() });
  await sendMessage(guide, thread.id, { body: "Sorry to hear that. Any swelling?", clientMessageId: key() });
  await sendMessage(nurse, thread.id, { body: "Internal: consider urgent care referral.", clientMessageId: key(), visibility: "internal" });
  await sendMessage(member, thread.id, { body: "Yes, some swelling.", clientMessageId: key() });
  await sendMessage(guide, thread.id, { body: "Let's get you seen today.", clientMessageId: key() });
  return { member, guide, nurse, threadId: thread.id };
}

describe("listMessages", () => {
  it("gives staff every message oldest first, with authors, and members everything but internal notes", async () => {
    const { member, guide, nurse, threadId } = await conversation();
    const staffView = await listMessages(guide, threadId);
    expect(staffView.nextCursor).toBeNull();
    expect(staffView.items.map((m) => m.body)).toEqual([
      "My knee hurts after the fall.",
      "Sorry to hear that. Any swelling?",
      "Internal: consider urgent care referral.",
      "Yes, some swelling.",
      "Let's get you seen today.",
    ]);
    expect(staffView.items[2]).toMatchObject({ visibility: "internal", author: { id: nurse.userId, name: "Nora Haddad", role: "NURSE" }, attachments: [] });
    expect(staffView.items[0]).toMatchObject({ threadId, visibility: "member", author: { id: member.userId, name: "Hiroshi Watanabe", role: "MEMBER" } });
    const times = staffView.items.map((m) => m.createdAt);
    expect([...times].sort()).toEqual(times);

    const memberView = await listMessages(member, threadId);
    expect(memberView.items.map((m) => m.body)).toEqual(["My knee hurts after the fall.", "Sorry to hear that. Any swelling?", "Yes, some swelling.", "Let's get you seen today."]);
    expect(memberView.items.every((m) => m.visibility === "member")).toBe(true);
    expect(JSON.stringify(memberView)).not.toContain("urgent care referral");
  });

  it("pages back from the newest without gaps or repeats (list-messages-paging.integration.test.ts has the long cases)", async () => {
    const { guide, threadId } = await conversation();
    const all = await listMessages(guide, threadId);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listMessages(guide, threadId, { limit: 2, ...(cursor ? { cursor } : {}) });
      seen.unshift(...page.items.map((m) => m.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual(all.items.map((m) => m.id));
    expect(pages).toBe(3);
  });

  it("audits each read with the member, and marks the thread read for the reader", async () => {
    const db = await getDb();
    const { member, nurse, threadId } = await conversation();
    const unreadFor = async (actor: typeof member) => (await listThreads(actor, { limit: 100 })).items.find((t) => t.id === threadId)?.unread;
    expect(await unreadFor(member)).toBe(true);
    expect(await unreadFor(nurse)).toBe(true);

    await listMessages(member, threadId);
    const row = await db.auditLog.findFirstOrThrow({ where: { actorId: member.userId, action: "message.list" }, orderBy: { id: "desc" } });
    expect(row).toMatchObject({ memberId: member.userId, recordType: "thread", recordId: threadId, outcome: "ALLOWED" });
    expect(row.details).toEqual({ count: 4 });
    expect(await unreadFor(member)).toBe(false);
    // The nurse has not read it yet.
    expect(await unreadFor(nurse)).toBe(true);
    await listMessages(nurse, threadId);
    expect(await unreadFor(nurse)).toBe(false);
  });

  it("answers NOT_FOUND outside scope, audits it, and shows nothing", async () => {
    const db = await getDb();
    const { threadId: sunriseThread } = await conversation();
    const vpc = await db.team.findUniqueOrThrow({ where: { name: "Virtual Primary Care" } });
    const owner = await actorFor("member@demo.test");
    const { thread: vpcThread } = await createThread(owner, { body: "VPC question", clientMessageId: key(), teamId: vpc.id });
    const cases: [string, string][] = [
      ["member2@demo.test", sunriseThread],
      ["member@demo.test", sunriseThread],
      ["guide2@demo.test", sunriseThread],
      ["nurse2@demo.test", sunriseThread],
      ["guide@demo.test", vpcThread.id],
      ["nurse@demo.test", vpcThread.id],
    ];
    for (const [email, threadId] of cases) {
      const actor = await actorFor(email);
      const error = await listMessages(actor, threadId).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "NOT_FOUND" });
      expect(JSON.stringify(error)).not.toContain("knee");
      const denied = await db.auditLog.findFirstOrThrow({ where: { actorId: actor.userId, action: "message.list", outcome: "DENIED" }, orderBy: { id: "desc" } });
      expect(denied.recordId).toBe(threadId);
      expect(await db.threadReadState.count({ where: { threadId, userId: actor.userId } })).toBe(0);
    }
    expect((await listMessages(await actorFor("doctor@demo.test"), vpcThread.id)).items).toHaveLength(1);
  });

  it("refuses admins and compliance, and audits the attempt", async () => {
    const db = await getDb();
    const { threadId } = await conversation();
    for (const email of ["admin@demo.test", "compliance@demo.test"]) {
      const actor = await actorFor(email);
      const before = await db.auditLog.count({ where: { actorId: actor.userId, outcome: "DENIED" } });
      await expect(listMessages(actor, threadId)).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(await db.auditLog.count({ where: { actorId: actor.userId, outcome: "DENIED" } })).toBe(before + 1);
    }
  });

  it("treats a malformed id or cursor as not found / bad request", async () => {
    const { guide, threadId } = await conversation();
    await expect(listMessages(guide, "../../etc")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listMessages(guide, threadId, { cursor: "garbage" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(listMessages(guide, threadId, { everything: true } as never)).rejects.toThrow();
  });

  it("answers byte for byte what the Prisma projection (messageViewSelect, toMessageView) gives, attachments included", async () => {
    const db = await getDb();
    const { member, guide, nurse, threadId } = await conversation();
    const messages = await db.message.findMany({ where: { threadId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, authorId: true } });
    // Every attachment state the view words differently, two on one message (upload order), none on others.
    const files = [
      { status: "CLEAN", thumbnailKey: "t/1", width: 640, height: 480, documentType: "photo", detectedType: "image/jpeg" },
      { status: "CLEAN", thumbnailKey: null, documentType: "document", detectedType: "application/pdf" },
      { status: "PENDING", scanAttempts: 2 },
      { status: "INFECTED" },
      { status: "REJECTED", rejectReason: "Not a file type we accept." },
      { status: "FAILED", documentType: "something-else" },
    ] as const;
    const on = [0, 0, 1, 2, 3, 4];
    for (const [i, f] of files.entries()) {
      const m = messages[on[i]!]!;
      await db.attachment.create({
        data: { uploaderId: m.authorId, threadId, messageId: m.id, displayName: `file ${i}.bin`, sizeBytes: 1000 + i, createdAt: new Date(Date.now() - 60_000 + i), ...f },
      });
    }
    for (const actor of [guide, member, nurse]) {
      const expected = (
        await db.message.findMany({
          where: { AND: [{ threadId }, messageWhereForActor(actor)] },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: messageViewSelect,
        })
      ).map(toMessageView);
      const { items } = await listMessages(actor, threadId);
      expect(JSON.stringify(items)).toBe(JSON.stringify(expected));
      // The internal note (the third message) carries one: the member never sees it listed.
      expect(items.flatMap((m) => m.attachments).length).toBe(actor === member ? 5 : 6);
    }
  });

  it("is two round trips whatever the page: the read (scope, page, authors, attachments, marker) and the writes", async () => {
    const { member, guide, threadId } = await conversation();
    // Warm: the first call of a statement on a connection prepares it (same round trip).
    await listMessages(guide, threadId);
    for (const actor of [guide, member]) {
      expect(await countRoundTrips(() => listMessages(actor, threadId))).toBe(2);
      const { nextCursor } = await listMessages(actor, threadId, { limit: 1 });
      expect(await countRoundTrips(() => listMessages(actor, threadId, { limit: 1, before: nextCursor! }))).toBe(2);
    }
    // Out of scope: the read, then the denied audit row.
    const outsider = await actorFor("guide2@demo.test");
    expect(await countRoundTrips(() => listMessages(outsider, threadId).catch(() => undefined))).toBe(2);
  });

  it("writes the audit row, the read marker and Seen together, and nothing but the audit row on an older page", async () => {
    const db = await getDb();
    // The nurse's marker is at her internal note: the member's messages after it are unread.
    const { nurse, threadId } = await conversation();
    const audits = () => db.auditLog.count({ where: { actorId: nurse.userId, action: "message.list", recordId: threadId } });
    const reads = () => db.outboxEvent.count({ where: { type: "read", threadId } });
    const first = await listMessages(nurse, threadId, { limit: 2 });
    expect(await audits()).toBe(1);
    expect(await reads()).toBe(1);
    const marker = await db.threadReadState.findUniqueOrThrow({ where: { threadId_userId: { threadId, userId: nurse.userId } } });
    expect(marker.lastReadAt.toISOString()).toBe(first.items.at(-1)!.createdAt);
    const event = await db.outboxEvent.findFirstOrThrow({ where: { type: "read", threadId } });
    const thread = await db.thread.findUniqueOrThrow({ where: { id: threadId } });
    // Routed to the member only (outboxEventData), the newest member-visible message's time.
    expect(event).toMatchObject({ teamId: thread.teamId, memberId: thread.memberId, userId: null, deliverySeq: null });
    expect(event.payload).toEqual({ threadId, readAt: first.items.at(-1)!.createdAt });
    // Again: the marker does not move, so no second Seen; the read is audited again.
    await listMessages(nurse, threadId, { limit: 2 });
    expect([await audits(), await reads()]).toEqual([2, 1]);
    // An older page: audited, the marker untouched.
    await listMessages(nurse, threadId, { limit: 2, before: first.nextCursor! });
    expect([await audits(), await reads()]).toEqual([3, 1]);
    expect((await db.threadReadState.findUniqueOrThrow({ where: { threadId_userId: { threadId, userId: nurse.userId } } })).lastReadAt).toEqual(marker.lastReadAt);
  });

  it("reaches a thread of another team only through an active collaboration or a running emergency access", async () => {
    const db = await getDb();
    const [a, b] = [await createTeam(), await createTeam()];
    const member = await createMember(b.teamId);
    const staff = await createStaff("CARE_GUIDE", [a.teamId]);
    const other = await createStaff("CARE_GUIDE", [b.teamId]);
    const thread = async () => (await createTicket({ ...b, memberId: member.id })).threadId;
    const [collab, removed, running, expired, ended] = [await thread(), await thread(), await thread(), await thread(), await thread()];
    const now = Date.now();
    await db.threadCollaborator.createMany({
      data: [
        { threadId: collab, userId: staff.id, addedById: other.id, reason: "mention" },
        { threadId: removed, userId: staff.id, addedById: other.id, reason: "mention", removedAt: new Date(now - 1000) },
      ],
    });
    await db.emergencyAccess.createMany({
      data: [
        { threadId: running, userId: staff.id, reason: "urgent", expiresAt: new Date(now + 3_600_000) },
        { threadId: expired, userId: staff.id, reason: "urgent", expiresAt: new Date(now - 1000) },
        { threadId: ended, userId: staff.id, reason: "urgent", expiresAt: new Date(now + 3_600_000), endedAt: new Date(now - 1000) },
      ],
    });
    const actor = await actorFor(staff.email);
    for (const threadId of [collab, running]) expect((await listMessages(actor, threadId)).items).toHaveLength(1);
    for (const threadId of [removed, expired, ended]) {
      await expect(listMessages(actor, threadId)).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(await db.threadReadState.count({ where: { threadId, userId: staff.id } })).toBe(0);
      expect(await db.auditLog.count({ where: { actorId: staff.id, recordId: threadId, outcome: "DENIED" } })).toBe(1);
    }
  });
});
