import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { actorFor } from "../../../test/actors";
import { getDb } from "../../db/client";
import { problemFromError } from "../../http/problem";
import { getThread } from "./get-thread";
import { createThread } from "./create-thread";

const key = () => `ct-${randomUUID()}`;
const body = (label: string) => `Create-thread test ${label} ${randomUUID()}`;

async function teamId(name: string) {
  const db = await getDb();
  return (await db.team.findUniqueOrThrow({ where: { name }, select: { id: true } })).id;
}

/** Nothing a member wrote may appear in audit rows or outbox events. */
async function expectNoContentLeak(text: string) {
  const db = await getDb();
  const audit = await db.auditLog.findMany({ orderBy: { id: "desc" }, take: 50 });
  const outbox = await db.outboxEvent.findMany({ orderBy: { id: "desc" }, take: 50 });
  expect(JSON.stringify(audit, (_k, v) => (typeof v === "bigint" ? v.toString() : v))).not.toContain(text);
  expect(JSON.stringify(outbox, (_k, v) => (typeof v === "bigint" ? v.toString() : v))).not.toContain(text);
}

describe("createThread", () => {
  it("routes a member's thread to their concierge team's queue as a NEW ticket, all in one go", async () => {
    const db = await getDb();
    const member = await actorFor("member.mei.chen@demo.test");
    const sunrise = await teamId("Sunrise");
    const text = body("routing");
    const { thread, message, created } = await createThread(member, { subject: "Refill question", body: `  ${text}  `, clientMessageId: key() });

    expect(created).toBe(true);
    expect(thread).toMatchObject({ subject: "Refill question", memberId: member.userId, teamId: sunrise, ticket: { status: "NEW", assigneeId: null } });
    expect(message).toMatchObject({ threadId: thread.id, body: text, visibility: "member", author: { id: member.userId, name: "Mei Chen", role: "MEMBER" }, attachments: [] });

    const ticket = await db.ticket.findUniqueOrThrow({ where: { id: thread.ticket!.id }, include: { queue: true, events: true } });
    expect(ticket.queue).toMatchObject({ teamId: sunrise, kind: "TEAM" });
    expect(ticket.teamId).toBe(sunrise);
    expect(ticket.waitingSince?.toISOString()).toBe(message.createdAt);
    expect(ticket.events.map((e) => [e.type, e.actorId, e.toValue])).toEqual([["CREATED", member.userId, "NEW"]]);

    const row = await db.thread.findUniqueOrThrow({ where: { id: thread.id } });
    expect(row.lastMemberMessageAt?.toISOString()).toBe(message.createdAt);
    expect(await db.threadReadState.count({ where: { threadId: thread.id, userId: member.userId } })).toBe(1);

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "thread.create", recordId: thread.id } });
    expect(audit).toMatchObject({ actorId: member.userId, memberId: member.userId, outcome: "ALLOWED", recordType: "thread" });

    const events = await db.outboxEvent.findMany({ where: { threadId: thread.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.type, e.teamId, e.memberId])).toEqual([
      ["thread.created", sunrise, member.userId],
      ["message.created", sunrise, member.userId],
      ["ticket.created", sunrise, null],
    ]);
    await expectNoContentLeak(text);
    await expectNoContentLeak("Refill question");
  });

  it("puts a member without a team in the triage queue", async () => {
    const db = await getDb();
    const member = await actorFor("member.teresa.lopez@demo.test");
    const { thread } = await createThread(member, { body: body("triage"), clientMessageId: key() });
    expect(thread.teamId).toBeNull();
    const ticket = await db.ticket.findUniqueOrThrow({ where: { id: thread.ticket!.id }, include: { queue: true } });
    expect(ticket).toMatchObject({ status: "NEW", teamId: null });
    expect(ticket.queue.kind).toBe("TRIAGE");
    // No staff team owns it, so no care guide reaches it.
    await expect(getThread(await actorFor("guide@demo.test"), thread.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("opens a thread on another team's channel that serves the member: Sunrise cannot see it, the doctor can", async () => {
    const db = await getDb();
    const member = await actorFor("member@demo.test");
    const vpc = await teamId("Virtual Primary Care");
    const { thread } = await createThread(member, { subject: "Rash", body: body("vpc"), clientMessageId: key(), teamId: vpc });
    expect(thread.teamId).toBe(vpc);
    const ticket = await db.ticket.findUniqueOrThrow({ where: { id: thread.ticket!.id }, include: { queue: true } });
    expect(ticket.queue.teamId).toBe(vpc);

    for (const email of ["guide@demo.test", "nurse@demo.test", "guide2@demo.test"]) {
      await expect(getThread(await actorFor(email), thread.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    const seen = await getThread(await actorFor("doctor@demo.test"), thread.id);
    expect(seen).toMatchObject({ id: thread.id, team: { id: vpc, kind: "VIRTUAL_PRIMARY_CARE" } });
  });

  it("accepts the member's own concierge team named explicitly", async () => {
    const member = await actorFor("member2@demo.test");
    const sunrise = await teamId("Sunrise");
    const { thread } = await createThread(member, { body: body("own team"), clientMessageId: key(), teamId: sunrise });
    expect(thread.teamId).toBe(sunrise);
  });

  it.each([["Harbor"], ["Riverside Health Center"]])("refuses a team that does not serve the member (%s) as not found, audited, creating nothing", async (name) => {
    const db = await getDb();
    const member = await actorFor("member@demo.test");
    const other = await teamId(name);
    const before = await db.thread.count({ where: { memberId: member.userId } });
    const text = body("wrong team");
    await expect(createThread(member, { body: text, clientMessageId: key(), teamId: other })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.thread.count({ where: { memberId: member.userId } })).toBe(before);
    expect(await db.message.count({ where: { body: text } })).toBe(0);
    const denied = await db.auditLog.findFirstOrThrow({ where: { actorId: member.userId, action: "thread.create", outcome: "DENIED" }, orderBy: { id: "desc" } });
    expect(denied).toMatchObject({ recordType: "team", recordId: other });
  });

  it("refuses staff, admins and compliance (members only), and audits the attempt", async () => {
    const db = await getDb();
    for (const email of ["guide@demo.test", "doctor@demo.test", "admin@demo.test", "compliance@demo.test"]) {
      const actor = await actorFor(email);
      const before = await db.auditLog.count({ where: { actorId: actor.userId, action: "thread.create", outcome: "DENIED" } });
      await expect(createThread(actor, { body: body("staff"), clientMessageId: key() })).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await db.auditLog.count({ where: { actorId: actor.userId, action: "thread.create", outcome: "DENIED" } })).toBe(before + 1);
    }
  });

  it("returns the original thread and message for the same clientMessageId", async () => {
    const db = await getDb();
    const member = await actorFor("member.sofia.rossi@demo.test");
    const clientMessageId = key();
    const first = await createThread(member, { body: body("idempotent"), clientMessageId });
    const again = await createThread(member, { body: "a different body", clientMessageId });
    expect(again.created).toBe(false);
    expect(again.thread.id).toBe(first.thread.id);
    expect(again.message).toEqual(first.message);
    expect(await db.message.count({ where: { authorId: member.userId, clientMessageId } })).toBe(1);
  });

  it("stores one thread for concurrent duplicates, and every caller gets it", async () => {
    const db = await getDb();
    const member = await actorFor("member.noah.schmidt@demo.test");
    const clientMessageId = key();
    const before = await db.thread.count({ where: { memberId: member.userId } });
    const results = await Promise.all(Array.from({ length: 5 }, () => createThread(member, { body: body("race"), clientMessageId })));
    expect(new Set(results.map((r) => r.thread.id)).size).toBe(1);
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db.thread.count({ where: { memberId: member.userId } })).toBe(before + 1);
    expect(await db.ticket.count({ where: { threadId: results[0]!.thread.id } })).toBe(1);
  });

  it("lets another member use the same clientMessageId independently", async () => {
    const clientMessageId = key();
    const a = await createThread(await actorFor("member.chloe.dubois@demo.test"), { body: body("a"), clientMessageId });
    const b = await createThread(await actorFor("member.leilani.kahale@demo.test"), { body: body("b"), clientMessageId });
    expect(b.created).toBe(true);
    expect(b.thread.id).not.toBe(a.thread.id);
  });

  describe("input validation", () => {
    const invalid = async (input: unknown) => {
      const member = await actorFor("member@demo.test");
      const error = await createThread(member, input as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ZodError);
      const response = problemFromError(error);
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({ code: "INVALID_INPUT" });
    };

    it("rejects a body that is empty after trimming", () => invalid({ body: "   \n ", clientMessageId: key() }));
    it("rejects a body of 10,001 characters", () => invalid({ body: "x".repeat(10_001), clientMessageId: key() }));
    it("rejects unknown fields", () => invalid({ body: "hello", clientMessageId: key(), memberId: randomUUID() }));
    it("rejects a missing clientMessageId", () => invalid({ body: "hello" }));
    it("accepts exactly 10,000 characters", async () => {
      const { message } = await createThread(await actorFor("member.ahmed.hassan@demo.test"), { body: "y".repeat(10_000), clientMessageId: key() });
      expect(message.body).toHaveLength(10_000);
    });
  });
});
