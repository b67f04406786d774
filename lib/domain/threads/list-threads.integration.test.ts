import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { getDb } from "../../db/client";
import { listMessages } from "../messages/list-messages";
import { sendMessage } from "../messages/send-message";
import { createThread } from "./create-thread";
import { unsafeLoadActor } from "../auth/unsafe-load-actor";
import { createMember, createStaff, createTeam, createTicket } from "../tickets/test-fixtures";
import { listThreads } from "./list-threads";

describe("listThreads (scope filters against PostgreSQL)", () => {
  it("gives a member only their own threads, newest first", async () => {
    const member = await actorFor("member@demo.test");
    const { items } = await listThreads(member, { limit: 100 });
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((t) => t.memberId === member.userId)).toBe(true);
    const times = items.map((t) => t.lastMessageAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("gives staff exactly their teams' threads", async () => {
    const db = await getDb();
    for (const email of ["guide@demo.test", "guide2@demo.test", "doctor@demo.test"]) {
      const staff = await actorFor(email);
      const { items } = await listThreads(staff, { limit: 100 });
      const expected = await db.thread.count({ where: { teamId: { in: [...staff.teamIds] } } });
      expect(items.length).toBe(Math.min(expected, 100));
      expect(items.every((t) => t.teamId !== null && staff.teamIds.includes(t.teamId))).toBe(true);
    }
  });

  it("pages with a cursor without gaps or repeats", async () => {
    // A team of its own: other test files add threads to the demo teams at the same time.
    const team = await createTeam();
    const guide = await unsafeLoadActor((await createStaff("CARE_GUIDE", [team.teamId])).id, { ip: "127.0.0.1", userAgent: "vitest" });
    if (!guide) throw new Error("no actor");
    for (let i = 0; i < 8; i++) await createTicket({ ...team, memberId: (await createMember(team.teamId)).id });
    const all = await listThreads(guide, { limit: 100 });
    expect(all.items).toHaveLength(8);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listThreads(guide, { limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.items.map((t) => t.id));
  });

  it("refuses roles that may not read conversations, and audits the attempt", async () => {
    const db = await getDb();
    for (const email of ["admin@demo.test", "compliance@demo.test"]) {
      const actor = await actorFor(email);
      const before = await db.auditLog.count({ where: { actorId: actor.userId, action: "thread.list", outcome: "DENIED" } });
      await expect(listThreads(actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await db.auditLog.count({ where: { actorId: actor.userId, action: "thread.list", outcome: "DENIED" } })).toBe(before + 1);
    }
  });

  it("a collaborator reaches that one thread and nothing else of the other team", async () => {
    const db = await getDb();
    const guide2 = await actorFor("guide2@demo.test");
    const guide = await actorFor("guide@demo.test");
    const sunriseThread = await db.thread.findFirstOrThrow({ where: { teamId: { in: [...guide.teamIds] } } });
    const before = await listThreads(guide2, { limit: 100 });
    expect(before.items.some((t) => t.id === sunriseThread.id)).toBe(false);

    const collaboration = await db.threadCollaborator.create({
      data: { threadId: sunriseThread.id, userId: guide2.userId, addedById: guide.userId, reason: "integration test" },
    });
    const during = await listThreads(guide2, { limit: 100 });
    expect(during.items.filter((t) => !guide2.teamIds.includes(t.teamId ?? "")).map((t) => t.id)).toEqual([sunriseThread.id]);

    await db.threadCollaborator.update({ where: { id: collaboration.id }, data: { removedAt: new Date(), removedById: guide.userId } });
    const after = await listThreads(guide2, { limit: 100 });
    expect(after.items.some((t) => t.id === sunriseThread.id)).toBe(false);
  });

  it("audits each listing with the members whose conversations were shown", async () => {
    const db = await getDb();
    const member = await actorFor("member2@demo.test");
    const before = await db.auditLog.count({ where: { actorId: member.userId, action: "thread.list" } });
    await listThreads(member);
    expect(await db.auditLog.count({ where: { actorId: member.userId, action: "thread.list" } })).toBe(before + 1);
    const row = await db.auditLog.findFirstOrThrow({ where: { actorId: member.userId, action: "thread.list" }, orderBy: { id: "desc" } });
    expect(row.memberId).toBe(member.userId);

    const guide = await actorFor("guide@demo.test");
    const { items } = await listThreads(guide, { limit: 100 });
    const guideRow = await db.auditLog.findFirstOrThrow({ where: { actorId: guide.userId, action: "thread.list" }, orderBy: { id: "desc" } });
    expect(new Set((guideRow.details as { memberIds: string[] }).memberIds)).toEqual(new Set(items.map((t) => t.memberId)));
  });
});

describe("listThreads previews and unread flags", () => {
  const key = () => `lt-${randomUUID()}`;
  const summaryOf = async (email: string, threadId: string) => (await listThreads(await actorFor(email), { limit: 100 })).items.find((t) => t.id === threadId);

  it("previews the latest message the actor may see, shortened, and never an internal note to the member", async () => {
    const member = await actorFor("member.lucia.fernandez@demo.test");
    const guide = await actorFor("guide@demo.test");
    const { thread } = await createThread(member, { body: "First question", clientMessageId: key() });
    const long = `Your   appointment\nis confirmed. ${"More details follow. ".repeat(20)}`;
    await sendMessage(guide, thread.id, { body: long, clientMessageId: key() });
    await sendMessage(guide, thread.id, { body: "Internal: member sounded anxious.", clientMessageId: key(), visibility: "internal" });

    const forMember = await summaryOf("member.lucia.fernandez@demo.test", thread.id);
    expect(forMember?.preview?.startsWith("Your appointment is confirmed. More details follow.")).toBe(true);
    expect(forMember?.preview?.length).toBeLessThanOrEqual(120);
    expect(forMember?.preview?.endsWith("…")).toBe(true);
    expect(forMember?.preview).not.toContain("anxious");

    expect((await summaryOf("nurse@demo.test", thread.id))?.preview).toBe("Internal: member sounded anxious.");
  });

  it("flags unread messages written by others until the reader opens the thread", async () => {
    const member = await actorFor("member.leilani.kahale@demo.test");
    const guide = await actorFor("guide@demo.test");
    const { thread } = await createThread(member, { body: "Question", clientMessageId: key() });
    // Own messages never make a thread unread.
    expect((await summaryOf("member.leilani.kahale@demo.test", thread.id))?.unread).toBe(false);
    expect((await summaryOf("guide@demo.test", thread.id))?.unread).toBe(true);

    await sendMessage(guide, thread.id, { body: "Answer", clientMessageId: key() });
    expect((await summaryOf("guide@demo.test", thread.id))?.unread).toBe(false);
    expect((await summaryOf("member.leilani.kahale@demo.test", thread.id))?.unread).toBe(true);

    await listMessages(member, thread.id);
    expect((await summaryOf("member.leilani.kahale@demo.test", thread.id))?.unread).toBe(false);

    // An internal note is news for the team, not for the member.
    await sendMessage(await actorFor("nurse@demo.test"), thread.id, { body: "Note", clientMessageId: key(), visibility: "internal" });
    expect((await summaryOf("member.leilani.kahale@demo.test", thread.id))?.unread).toBe(false);
    expect((await summaryOf("guide@demo.test", thread.id))?.unread).toBe(true);
  });

  it("reads previews in a fixed number of queries, whatever the page size", async () => {
    const guide = await actorFor("guide@demo.test");
    const db = await getDb();
    const statements: string[] = [];
    const original = db.$queryRaw.bind(db);
    // Count raw preview queries: one per listing, not one per thread.
    (db as unknown as { $queryRaw: unknown }).$queryRaw = ((...args: Parameters<typeof db.$queryRaw>) => {
      statements.push("raw");
      return original(...args);
    }) as typeof db.$queryRaw;
    try {
      const { items } = await listThreads(guide, { limit: 50 });
      expect(items.length).toBeGreaterThan(10);
      expect(statements).toHaveLength(1);
      expect(items.every((t) => typeof t.unread === "boolean")).toBe(true);
      expect(items.filter((t) => t.preview !== null).length).toBe(items.length);
    } finally {
      (db as unknown as { $queryRaw: unknown }).$queryRaw = original;
    }
  });
});
