/**
 * Long threads: pages run backward from the newest message (keyset on createdAt, id).
 * Messages are inserted in bulk with shared timestamps and random ids, so the tie-break
 * on id is what keeps pages apart.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { getDb } from "../../db/client";
import { decodeCursor } from "../shared/cursor";
import { createThread } from "../threads/create-thread";
import { listMessages } from "./list-messages";
import { messagePageSql } from "./message-page-sql";
import { messageRowsQuery } from "./message-rows-sql";
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

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; "Scan Direction"?: string; "Actual Rows": number; "Actual Loops": number; "Rows Removed by Filter"?: number; Plans?: PlanNode[] };
const flatten = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(flatten)];

/**
 * EXPLAIN ANALYZE of a statement as the app runs it: PREPAREd (the app's are named prepared
 * statements) with the custom plan and with the generic one PostgreSQL may switch to after
 * five runs. The scratch database is small, where a scan of the table can be as cheap; at
 * volume the planner picks the index unforced (docs/performance.md). What matters here is
 * that the query CAN be served by the index, in order, stopping early.
 */
async function explain(text: string, types: string[], params: unknown[], generic: boolean): Promise<PlanNode[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL enable_seqscan = off");
    await client.query("SET LOCAL enable_bitmapscan = off");
    await client.query(`SET LOCAL plan_cache_mode = ${generic ? "force_generic_plan" : "force_custom_plan"}`);
    await client.query(`PREPARE explained(${types.join(", ")}) AS ${text}`);
    const literal = (v: unknown) =>
      v === null ? "NULL" : v instanceof Date ? client.escapeLiteral(v.toISOString()) : Array.isArray(v) ? client.escapeLiteral(`{${v.join(",")}}`) : client.escapeLiteral(String(v));
    const { rows } = await client.query<{ "QUERY PLAN": { Plan: PlanNode }[] }>(`EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE explained(${params.map(literal).join(", ")})`);
    return flatten(rows[0]!["QUERY PLAN"][0]!.Plan);
  } finally {
    await client.query("ROLLBACK").catch(() => undefined);
    await client.end();
  }
}

describe("the page query's plan", () => {
  it("reads the (thread_id, created_at) index backward and stops after LIMIT rows on a 5,000-message thread", async () => {
    const db = await getDb();
    const { guide, member, threadId } = await longThread(5_000);
    await db.$executeRawUnsafe("ANALYZE messages");
    const cursor = decodeCursor((await listMessages(guide, threadId, { limit: 50 })).nextCursor);
    for (const before of [null, cursor]) {
      const page = messagePageSql({ threadId, memberVisibleOnly: false, before, take: 51 });
      // The member's page also reads past the internal notes it skips (one in five here).
      const cases = [{ text: page.text, types: ["uuid", "boolean", "int", ...(before ? ["timestamptz", "uuid"] : [])], params: page.values, bound: 60 }];
      // The statement listMessages sends (scope check, page, authors, attachments), for staff and the member.
      for (const actor of [guide, member]) {
        const q = messageRowsQuery(actor, threadId, { before, take: 51, seen: true, now: new Date() });
        const types = ["uuid", "text", "uuid[]", "timestamptz", "uuid", "int", ...(before ? ["timestamptz", "uuid"] : ["boolean"])];
        cases.push({ text: q.text, types, params: q.params, bound: actor === member ? 80 : 60 });
      }
      for (const c of cases) {
        for (const generic of [false, true]) {
          const nodes = await explain(c.text, c.types, c.params, generic);
          const onMessages = nodes.filter((n) => n["Relation Name"] === "messages");
          expect(onMessages.every((n) => n["Index Name"] === "messages_thread_id_created_at_idx" && n["Scan Direction"] === "Backward")).toBe(true);
          expect(nodes.some((n) => n["Node Type"] === "Limit")).toBe(true);
          // Rows read from the index (kept or filtered out): the page and the ties of its last
          // millisecond (and the notes a member skips), never the thread.
          expect(onMessages.length).toBeGreaterThan(0);
          const read = onMessages.map((n) => (n["Actual Rows"] + (n["Rows Removed by Filter"] ?? 0)) * n["Actual Loops"]);
          expect(Math.max(...read)).toBeLessThanOrEqual(c.bound);
          // Nothing sorts more than a page.
          const sorts = nodes.filter((n) => n["Node Type"].endsWith("Sort"));
          expect(sorts.every((n) => n["Actual Rows"] <= 51)).toBe(true);
        }
      }
    }
  }, 60_000);
});
