import { describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { getDb } from "../../db/client";
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
    const guide = await actorFor("guide@demo.test");
    const all = await listThreads(guide, { limit: 100 });
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
