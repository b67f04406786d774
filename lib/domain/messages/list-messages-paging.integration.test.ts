/**
 * Long threads: pages run backward from the newest message (keyset on createdAt, id).
 * Messages are inserted in bulk with shared timestamps and random ids, so the tie-break
 * on id is what keeps pages apart.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { getDb } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { decodeCursor } from "../shared/cursor";
import { createThread } from "../threads/create-thread";
import { listMessages } from "./list-messages";
import { messagePageSql } from "./message-page-sql";
import { sendMessage } from "./send-message";

const key = () => `lmp-${randomUUID()}`;
type Actor = Awaited<ReturnType<typeof actorFor>>;

/**
 * A thread of `count` messages after the opening one: three share each millisecond, every
 * fifth is an internal note, ids random (not in time order). Returns the ids in display
 * order (createdAt, id) for staff and for the member.
 */
async function longThread(count: number, options: { internalTail?: number } = {}) {
  const db = await getDb();
  const member = await actorFor("member.hiroshi.watanabe@demo.test");
  const guide = await actorFor("guide@demo.test");
  const nurse = await actorFor("nurse@demo.test");
  const { thread } = await createThread(member, { subject: "Long", body: "Opening message.", clientMessageId: key() });
  const start = Date.now() - 3_600_000;
  // The opening message first in time, before the bulk.
  await db.message.updateMany({ where: { threadId: thread.id }, data: { createdAt: new Date(start - 1) } });
  const rows = Array.from({ length: count }, (_, i) => {
    const internal = i % 5 === 4 || i >= count - (options.internalTail ?? 0);
    return {
      id: randomUUID(),
      threadId: thread.id,
      authorId: internal ? nurse.userId : i % 2 === 0 ? member.userId : guide.userId,
      visibility: internal ? ("INTERNAL" as const) : ("MEMBER" as const),
      body: `Message ${i}`,
      clientMessageId: key(),
      createdAt: new Date(start + Math.floor(i / 3)),
    };
  });
  await db.message.createMany({ data: rows });
  const all = await db.message.findMany({ where: { threadId: thread.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, visibility: true } });
  return {
    member,
    guide,
    nurse,
    threadId: thread.id,
    staffIds: all.map((m) => m.id),
    memberIds: all.filter((m) => m.visibility === "MEMBER").map((m) => m.id),
  };
}

/** Every page from the newest back, through `before` (or `cursor`), in the order fetched. */
async function walk(actor: Actor, threadId: string, limit: number, param: "before" | "cursor" = "before") {
  const pages: string[][] = [];
  let next: string | null = null;
  do {
    const page = await listMessages(actor, threadId, { limit, ...(next ? { [param]: next } : {}) });
    pages.push(page.items.map((m) => m.id));
    next = page.nextCursor;
  } while (next && pages.length < 1000);
  return pages;
}

describe("listMessages: paging back from the newest", () => {
  it("opens at the newest messages, oldest to newest within the page", async () => {
    const { guide, threadId, staffIds } = await longThread(150);
    const first = await listMessages(guide, threadId, { limit: 20 });
    expect(first.items.map((m) => m.id)).toEqual(staffIds.slice(-20));
    expect(first.nextCursor).not.toBeNull();
    // The default page is the newest too (the one an API client gets without parameters).
    const byDefault = await listMessages(guide, threadId);
    expect(byDefault.items.map((m) => m.id)).toEqual(staffIds.slice(-100));
  });

  it.each([
    ["staff", "before", 20],
    ["staff", "cursor", 7],
    ["member", "before", 13],
  ] as const)("walks the whole thread for %s through %s (limit %d) with no gap, no repeat, ties on createdAt", async (who, param, limit) => {
    const t = await longThread(151);
    const actor = who === "staff" ? t.guide : t.member;
    const expected = who === "staff" ? t.staffIds : t.memberIds;
    const pages = await walk(actor, t.threadId, limit, param);
    const seen = pages.toReversed().flat();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expected);
    expect(pages.length).toBe(Math.ceil(expected.length / limit));
    expect(pages.slice(0, -1).every((p) => p.length === limit)).toBe(true);
  });

  it("keeps older pages unchanged when a message arrives between pages; the new one lands on the newest page", async () => {
    const { guide, member, threadId, staffIds } = await longThread(60);
    const first = await listMessages(guide, threadId, { limit: 25 });
    const { message: late } = await sendMessage(member, threadId, { body: "A new message while paging.", clientMessageId: key() });
    const pages = [first.items.map((m) => m.id)];
    let next = first.nextCursor;
    while (next) {
      const page = await listMessages(guide, threadId, { limit: 25, before: next });
      pages.push(page.items.map((m) => m.id));
      next = page.nextCursor;
    }
    const seen = pages.toReversed().flat();
    expect(seen).toEqual(staffIds);
    expect(seen).not.toContain(late.id);
    const newest = await listMessages(guide, threadId, { limit: 25 });
    expect(newest.items.at(-1)?.id).toBe(late.id);
    expect(newest.items.slice(0, -1).map((m) => m.id)).toEqual(staffIds.slice(-24));
  });

  it("marks the thread read up to its newest message however long it is (Seen moves on)", async () => {
    const db = await getDb();
    const { guide, member, threadId, memberIds } = await longThread(180);
    const newestMemberVisible = await db.message.findUniqueOrThrow({ where: { id: memberIds.at(-1)! }, select: { createdAt: true } });
    await listMessages(guide, threadId);
    const state = await db.threadReadState.findUniqueOrThrow({ where: { threadId_userId: { threadId, userId: guide.userId } } });
    const newest = await db.message.findFirstOrThrow({ where: { threadId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    expect(state.lastReadAt).toEqual(newest.createdAt);
    const read = await db.outboxEvent.findFirstOrThrow({ where: { type: "read", threadId }, orderBy: { createdAt: "desc" } });
    expect(read.payload).toEqual({ threadId, readAt: newestMemberVisible.createdAt.toISOString() });

    // The member's next message, then the guide reads again: Seen moves to it.
    const { message } = await sendMessage(member, threadId, { body: "One more thing.", clientMessageId: key() });
    await listMessages(guide, threadId, { limit: 10 });
    const reads = await db.outboxEvent.findMany({ where: { type: "read", threadId }, orderBy: { createdAt: "asc" } });
    expect(reads.at(-1)?.payload).toEqual({ threadId, readAt: message.createdAt });

    // Paging back never moves the marker.
    const before = (await listMessages(guide, threadId, { limit: 10 })).nextCursor!;
    const count = await db.outboxEvent.count({ where: { type: "read", threadId } });
    await sendMessage(member, threadId, { body: "And another.", clientMessageId: key() });
    await listMessages(guide, threadId, { limit: 10, before });
    expect(await db.outboxEvent.count({ where: { type: "read", threadId } })).toBe(count);
  });

  it("sends Seen for the member's last message when the newest page is all internal notes", async () => {
    const db = await getDb();
    const { guide, threadId, memberIds } = await longThread(40, { internalTail: 20 });
    const lastMemberVisible = await db.message.findUniqueOrThrow({ where: { id: memberIds.at(-1)! }, select: { createdAt: true } });
    const page = await listMessages(guide, threadId, { limit: 10 });
    expect(page.items.every((m) => m.visibility === "internal")).toBe(true);
    const read = await db.outboxEvent.findFirstOrThrow({ where: { type: "read", threadId } });
    expect(read.payload).toEqual({ threadId, readAt: lastMemberVisible.createdAt.toISOString() });
  });

  it("answers NOT_FOUND to an actor out of scope on a paged call too, audits it, and shows nothing", async () => {
    const db = await getDb();
    const { guide, threadId } = await longThread(30);
    const cursor = (await listMessages(guide, threadId, { limit: 10 })).nextCursor!;
    for (const email of ["member2@demo.test", "guide2@demo.test", "nurse2@demo.test", "admin@demo.test"]) {
      const outsider = await actorFor(email);
      for (const input of [{ before: cursor, limit: 10 }, { cursor }]) {
        const error = await listMessages(outsider, threadId, input).catch((e: unknown) => e);
        expect(error).toMatchObject({ code: "NOT_FOUND" });
        expect(JSON.stringify(error)).not.toContain("Message ");
      }
      const denied = await db.auditLog.findFirstOrThrow({ where: { actorId: outsider.userId, outcome: "DENIED", recordId: threadId }, orderBy: { id: "desc" } });
      expect(denied.recordId).toBe(threadId);
    }
  });

  it("refuses a tampered cursor, and before and cursor together", async () => {
    const { guide, threadId } = await longThread(10);
    const cursor = (await listMessages(guide, threadId, { limit: 3 })).nextCursor!;
    await expect(listMessages(guide, threadId, { before: `${cursor}x` })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(listMessages(guide, threadId, { before: cursor, cursor })).rejects.toThrow();
    expect(decodeCursor(cursor)).not.toBeNull();
  });
});

describe("the page query's plan", () => {
  it("reads the (thread_id, created_at) index backward and stops after LIMIT rows on a 5,000-message thread", async () => {
    const db = await getDb();
    const { guide, threadId } = await longThread(5_000);
    await db.$executeRawUnsafe("ANALYZE messages");
    const cursor = decodeCursor((await listMessages(guide, threadId, { limit: 50 })).nextCursor);
    for (const before of [null, cursor]) {
      const sql = messagePageSql({ threadId, memberVisibleOnly: false, before, take: 51 });
      const [, , explained] = await db.$transaction([
        // The scratch database is small, where a scan of the table can be as cheap; at volume
        // the planner picks the index unforced (docs/performance.md). What matters here is
        // that the query CAN be served by the index, in order, stopping early.
        db.$executeRawUnsafe("SET LOCAL enable_seqscan = off"),
        db.$executeRawUnsafe("SET LOCAL enable_bitmapscan = off"),
        db.$queryRaw<{ "QUERY PLAN": unknown }[]>(Prisma.sql`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`),
      ]);
      const plan = JSON.stringify(explained[0]!["QUERY PLAN"]);
      expect(plan).toContain('"Node Type":"Limit"');
      expect(plan).toContain('"Index Name":"messages_thread_id_created_at_idx"');
      expect(plan).toContain('"Scan Direction":"Backward"');
      expect(plan).not.toMatch(/"Node Type":"Sort"/);
      // Rows read from the index: the page and the ties of its last millisecond, never the thread.
      const scanned = [...plan.matchAll(/"Node Type":"Index Scan".*?"Actual Rows":(\d+)/g)].map((m) => Number(m[1]));
      expect(scanned.length).toBeGreaterThan(0);
      expect(Math.max(...scanned)).toBeLessThanOrEqual(60);
    }
  }, 60_000);
});
