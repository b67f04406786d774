import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { getDb } from "../../db/client";
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
});
