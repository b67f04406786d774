import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { actorFor } from "../../../test/actors";
import { unknownOrigin, type Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { problemFromError } from "../../http/problem";
import { unsafeLoadActor } from "../auth/unsafe-load-actor";
import { createThread } from "../threads/create-thread";
import { createMember, createTeam, createTicket } from "../tickets/test-fixtures";
import { listThreads } from "../threads/list-threads";
import { listMessages } from "./list-messages";
import { sendMessage } from "./send-message";

const key = () => `sm-${randomUUID()}`;
const body = (label: string) => `Send-message test ${label} ${randomUUID()}`;

async function newThread(memberEmail: string, teamName?: string) {
  const db = await getDb();
  const member = await actorFor(memberEmail);
  const teamId = teamName ? (await db.team.findUniqueOrThrow({ where: { name: teamName } })).id : undefined;
  const { thread } = await createThread(member, { body: body("opening"), clientMessageId: key(), ...(teamId ? { teamId } : {}) });
  return { member, threadId: thread.id };
}

async function activeTicket(threadId: string) {
  const db = await getDb();
  return db.ticket.findFirstOrThrow({ where: { threadId, status: { not: "CLOSED" } } });
}

async function statusEvents(ticketId: string) {
  const db = await getDb();
  const events = await db.ticketEvent.findMany({ where: { ticketId, type: "STATUS_CHANGED" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return events.map((e) => `${e.fromValue}→${e.toValue}`);
}

const send = (actor: Actor, threadId: string, text: string, extra: Record<string, unknown> = {}) =>
  sendMessage(actor, threadId, { body: text, clientMessageId: key(), ...extra });

describe("sendMessage: the core loop", () => {
  it("member ↔ guide: NEW → PENDING → OPEN → SOLVED → OPEN → CLOSED → follow-up", async () => {
    const db = await getDb();
    const { member, threadId } = await newThread("member.hannah.goldberg@demo.test");
    const guide = await actorFor("guide@demo.test");
    const first = await activeTicket(threadId);
    expect(first.status).toBe("NEW");
    expect(first.waitingSince).not.toBeNull();

    // Guide replies: NEW → PENDING, first response stamped, the member no longer waits.
    const reply = await send(guide, threadId, body("guide reply"));
    expect(reply.created).toBe(true);
    expect(reply.message).toMatchObject({ threadId, visibility: "member", author: { id: guide.userId, name: "Gabriel Ortiz", role: "CARE_GUIDE" } });
    let t = await activeTicket(threadId);
    expect(t).toMatchObject({ id: first.id, status: "PENDING", waitingSince: null });
    expect(t.firstResponseAt?.toISOString()).toBe(reply.message.createdAt);
    const thread = await db.thread.findUniqueOrThrow({ where: { id: threadId } });
    expect(thread.lastMessageAt.toISOString()).toBe(reply.message.createdAt);

    // Member replies: PENDING → OPEN, with a STATUS_CHANGED event by the member.
    const memberReply = await send(member, threadId, body("member reply"));
    t = await activeTicket(threadId);
    expect(t.status).toBe("OPEN");
    expect(t.waitingSince?.toISOString()).toBe(memberReply.message.createdAt);
    expect(t.firstResponseAt?.toISOString()).toBe(reply.message.createdAt);
    const reopened = await db.ticketEvent.findFirstOrThrow({ where: { ticketId: t.id, type: "STATUS_CHANGED", toValue: "OPEN" } });
    expect(reopened).toMatchObject({ actorId: member.userId, fromValue: "PENDING" });
    expect((await db.thread.findUniqueOrThrow({ where: { id: threadId } })).lastMemberMessageAt?.toISOString()).toBe(memberReply.message.createdAt);

    // Guide solves with the reply.
    await send(guide, threadId, body("solve"), { ticketStatus: "SOLVED" });
    t = await activeTicket(threadId);
    expect(t.status).toBe("SOLVED");
    expect(t.solvedAt).not.toBeNull();

    // Member writes again: SOLVED → OPEN.
    await send(member, threadId, body("not solved"));
    t = await activeTicket(threadId);
    expect(t).toMatchObject({ status: "OPEN", solvedAt: null });

    // Guide answers and closes.
    await send(guide, threadId, body("close"), { ticketStatus: "CLOSED" });
    const closed = await db.ticket.findUniqueOrThrow({ where: { id: first.id } });
    expect(closed.status).toBe("CLOSED");
    expect(closed.closedAt).not.toBeNull();
    expect(await db.ticket.count({ where: { threadId, status: { not: "CLOSED" } } })).toBe(0);
    expect(await statusEvents(first.id)).toEqual(["NEW→PENDING", "PENDING→OPEN", "OPEN→SOLVED", "SOLVED→OPEN", "OPEN→CLOSED"]);

    // Member writes on the closed ticket: a NEW follow-up linked to it.
    await send(member, threadId, body("follow-up"));
    const followUp = await activeTicket(threadId);
    expect(followUp).toMatchObject({ status: "NEW", followUpOfId: first.id, queueId: first.queueId, teamId: first.teamId, firstResponseAt: null });
    expect(followUp.waitingSince).not.toBeNull();
    const events = await db.ticketEvent.findMany({ where: { ticketId: followUp.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(events.map((e) => [e.type, e.fromValue, e.toValue, e.actorId])).toEqual([
      ["CREATED", null, "NEW", member.userId],
      ["FOLLOW_UP_OPENED", first.id, followUp.id, member.userId],
    ]);
    expect((await db.ticket.findUniqueOrThrow({ where: { id: first.id } })).status).toBe("CLOSED");

    // Ticket outbox events carry ids and statuses only.
    const outbox = await db.outboxEvent.findMany({ where: { threadId, type: { startsWith: "ticket." } }, orderBy: { id: "asc" } });
    expect(outbox.map((e) => e.type)).toEqual(["ticket.created", "ticket.updated", "ticket.updated", "ticket.updated", "ticket.updated", "ticket.updated", "ticket.created"]);
    expect(outbox.every((e) => e.memberId === null)).toBe(true);
    expect(outbox[1]!.payload).toEqual({ ticketId: first.id, threadId, status: "PENDING", previousStatus: "NEW" });
  });

  it("a staff reply on a closed ticket opens a PENDING follow-up, unless the responder keeps it closed", async () => {
    const db = await getDb();
    const { threadId } = await newThread("member.jamal.carter@demo.test");
    const guide = await actorFor("guide.b@demo.test");
    const first = await activeTicket(threadId);
    await send(guide, threadId, body("close"), { ticketStatus: "CLOSED" });

    await send(guide, threadId, body("closing remark"), { ticketStatus: "CLOSED" });
    expect(await db.ticket.count({ where: { threadId } })).toBe(1);

    const reply = await send(guide, threadId, body("checking in"));
    const followUp = await activeTicket(threadId);
    expect(followUp).toMatchObject({ status: "PENDING", followUpOfId: first.id, waitingSince: null });
    expect(followUp.firstResponseAt?.toISOString()).toBe(reply.message.createdAt);
  });

  it("a staff reply can keep the ticket OPEN or put it ON_HOLD; NEW is never a target", async () => {
    const { threadId } = await newThread("member.liam.oconnor@demo.test");
    const guide = await actorFor("guide@demo.test");
    await send(guide, threadId, body("looking into it"), { ticketStatus: "OPEN" });
    expect((await activeTicket(threadId)).status).toBe("OPEN");
    await send(guide, threadId, body("waiting on pharmacy"), { ticketStatus: "ON_HOLD" });
    expect((await activeTicket(threadId)).status).toBe("ON_HOLD");
    // Default on ON_HOLD: stays.
    await send(guide, threadId, body("still waiting"));
    expect((await activeTicket(threadId)).status).toBe("ON_HOLD");
    await expect(send(guide, threadId, body("new?"), { ticketStatus: "NEW" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("members cannot choose a ticket status", async () => {
    const { member, threadId } = await newThread("member.amara.nwosu@demo.test");
    const db = await getDb();
    const text = body("status by member");
    await expect(send(member, threadId, text, { ticketStatus: "SOLVED" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.message.count({ where: { body: text } })).toBe(0);
    expect(await db.auditLog.count({ where: { actorId: member.userId, action: "ticket.update", outcome: "DENIED" } })).toBeGreaterThan(0);
  });
});

describe("sendMessage: internal notes", () => {
  it("are seen by the team, never by the member, and change neither the ticket nor the member's list", async () => {
    const db = await getDb();
    const { member, threadId } = await newThread("member.ruth.abernathy@demo.test");
    const guide = await actorFor("guide@demo.test");
    const nurse = await actorFor("nurse@demo.test");
    const visible = await send(guide, threadId, body("visible reply"));
    const before = await db.thread.findUniqueOrThrow({ where: { id: threadId } });
    const ticketBefore = await activeTicket(threadId);

    const secret = body("INTERNAL NOTE about blood pressure");
    const note = await send(guide, threadId, secret, { visibility: "internal" });
    expect(note.message.visibility).toBe("internal");

    const after = await db.thread.findUniqueOrThrow({ where: { id: threadId } });
    expect(after.lastMessageAt).toEqual(before.lastMessageAt);
    const ticketAfter = await activeTicket(threadId);
    expect(ticketAfter).toMatchObject({ status: ticketBefore.status, waitingSince: ticketBefore.waitingSince, firstResponseAt: ticketBefore.firstResponseAt });
    expect(await statusEvents(ticketAfter.id)).toEqual(["NEW→PENDING"]);

    // The nurse sees the note; the member never does, neither in messages nor in previews.
    const nurseView = await listMessages(nurse, threadId);
    expect(nurseView.items.map((m) => m.body)).toContain(secret);
    const memberView = await listMessages(member, threadId);
    expect(memberView.items.map((m) => m.id)).not.toContain(note.message.id);
    expect(memberView.items.at(-1)?.id).toBe(visible.message.id);
    expect(JSON.stringify(memberView)).not.toContain("INTERNAL NOTE");
    const memberThreads = await listThreads(member, { limit: 100 });
    const summary = memberThreads.items.find((t) => t.id === threadId);
    expect(summary?.preview).not.toContain("INTERNAL NOTE");
    expect(JSON.stringify(memberThreads)).not.toContain("INTERNAL NOTE");
    const nurseThreads = await listThreads(nurse, { limit: 100 });
    expect(nurseThreads.items.find((t) => t.id === threadId)?.preview).toContain("INTERNAL NOTE");

    // The realtime event of a note is not routed to the member, and carries no text.
    const event = await db.outboxEvent.findFirstOrThrow({ where: { threadId, type: "message.created", payload: { path: ["messageId"], equals: note.message.id } } });
    expect(event.memberId).toBeNull();
    expect(JSON.stringify(event.payload)).not.toContain("INTERNAL NOTE");
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "message.send", recordId: note.message.id } });
    expect(audit).toMatchObject({ memberId: member.userId, recordType: "message" });
    expect(JSON.stringify(audit.details)).not.toContain("INTERNAL NOTE");
  });

  it("refuses an internal note with a ticket status", async () => {
    const { threadId } = await newThread("member.ruth.abernathy@demo.test");
    const nurse = await actorFor("nurse@demo.test");
    await expect(send(nurse, threadId, body("note"), { visibility: "internal", ticketStatus: "SOLVED" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("members cannot write internal notes", async () => {
    const db = await getDb();
    const { member, threadId } = await newThread("member.ruth.abernathy@demo.test");
    const text = body("member internal");
    await expect(send(member, threadId, text, { visibility: "internal" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.message.count({ where: { body: text } })).toBe(0);
    expect(await db.auditLog.count({ where: { actorId: member.userId, action: "message.sendInternal", outcome: "DENIED" } })).toBeGreaterThan(0);
  });
});

describe("sendMessage: who may send where", () => {
  it("answers NOT_FOUND outside the actor's scope, audits it, and stores nothing", async () => {
    const db = await getDb();
    const { threadId: sunriseThread } = await newThread("member@demo.test");
    const { threadId: vpcThread } = await newThread("member@demo.test", "Virtual Primary Care");
    const cases: [string, string][] = [
      ["member2@demo.test", sunriseThread],
      ["guide2@demo.test", sunriseThread],
      ["guide@demo.test", vpcThread],
      ["doctor@demo.test", sunriseThread],
    ];
    for (const [email, threadId] of cases) {
      const actor = await actorFor(email);
      const text = body(`intruder ${email}`);
      const ticketBefore = await activeTicket(threadId);
      await expect(send(actor, threadId, text)).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(await db.message.count({ where: { body: text } })).toBe(0);
      expect(await activeTicket(threadId)).toEqual(ticketBefore);
      const denied = await db.auditLog.findFirstOrThrow({ where: { actorId: actor.userId, action: "message.send", outcome: "DENIED" }, orderBy: { id: "desc" } });
      expect(denied).toMatchObject({ recordType: "thread", recordId: threadId });
    }
    // The doctor reaches the VPC thread.
    const doctor = await actorFor("doctor@demo.test");
    expect((await send(doctor, vpcThread, body("doctor reply"))).created).toBe(true);
  });

  it("answers NOT_FOUND for a malformed or unknown thread id", async () => {
    const member = await actorFor("member@demo.test");
    await expect(send(member, "not-a-uuid", body("x"))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(send(member, randomUUID(), body("x"))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses admins and compliance outright", async () => {
    const { threadId } = await newThread("member@demo.test");
    for (const email of ["admin@demo.test", "compliance@demo.test"]) {
      await expect(send(await actorFor(email), threadId, body("admin"))).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });
});

describe("sendMessage: idempotency and concurrency", () => {
  it("returns the original for the same clientMessageId and creates nothing new", async () => {
    const db = await getDb();
    const { member, threadId } = await newThread("member.mei.chen@demo.test");
    const clientMessageId = key();
    const first = await sendMessage(member, threadId, { body: body("once"), clientMessageId });
    const outboxBefore = await db.outboxEvent.count({ where: { threadId } });
    const again = await sendMessage(member, threadId, { body: body("twice"), clientMessageId });
    expect(again).toEqual({ message: first.message, created: false });
    expect(await db.message.count({ where: { authorId: member.userId, clientMessageId } })).toBe(1);
    expect(await db.outboxEvent.count({ where: { threadId } })).toBe(outboxBefore);
  });

  it("refuses to reuse a clientMessageId on another thread", async () => {
    const { member, threadId } = await newThread("member.mei.chen@demo.test");
    const { threadId: other } = await newThread("member.mei.chen@demo.test");
    const clientMessageId = key();
    await sendMessage(member, threadId, { body: body("here"), clientMessageId });
    await expect(sendMessage(member, other, { body: body("there"), clientMessageId })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("stores exactly one message for 5 parallel sends with the same clientMessageId", async () => {
    const db = await getDb();
    const { threadId } = await newThread("member.olivia.johnson@demo.test");
    const guide = await actorFor("guide@demo.test");
    const clientMessageId = key();
    const results = await Promise.all(Array.from({ length: 5 }, () => sendMessage(guide, threadId, { body: body("parallel"), clientMessageId })));
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db.message.count({ where: { authorId: guide.userId, clientMessageId } })).toBe(1);
    const ticket = await activeTicket(threadId);
    expect(ticket.status).toBe("PENDING");
    expect(await statusEvents(ticket.id)).toEqual(["NEW→PENDING"]);
  });

  it("applies parallel member messages on a PENDING ticket once: all stored, one reopening", async () => {
    const db = await getDb();
    const { member, threadId } = await newThread("member.robert.miller@demo.test");
    await send(await actorFor("guide@demo.test"), threadId, body("reply"));
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => send(member, threadId, body(`burst ${i}`))));
    expect(results.every((r) => r.created)).toBe(true);
    expect(await db.message.count({ where: { threadId, authorId: member.userId } })).toBe(6);
    const ticket = await activeTicket(threadId);
    expect(ticket.status).toBe("OPEN");
    expect(await statusEvents(ticket.id)).toEqual(["NEW→PENDING", "PENDING→OPEN"]);
  });

  it("opens exactly one follow-up when member and staff write on a closed ticket at once", async () => {
    const db = await getDb();
    const { member, threadId } = await newThread("member.naomi.levi@demo.test");
    const guide = await actorFor("guide@demo.test");
    const first = await activeTicket(threadId);
    await send(guide, threadId, body("closing"), { ticketStatus: "CLOSED" });

    const results = await Promise.all([send(member, threadId, body("one")), send(member, threadId, body("two")), send(guide, threadId, body("three"))]);
    expect(results.every((r) => r.created)).toBe(true);
    const tickets = await db.ticket.findMany({ where: { threadId }, orderBy: { createdAt: "asc" } });
    expect(tickets).toHaveLength(2);
    expect(tickets[1]).toMatchObject({ followUpOfId: first.id });
    expect(tickets[1]!.status).not.toBe("CLOSED");
    expect(await db.ticketEvent.count({ where: { type: "FOLLOW_UP_OPENED", fromValue: first.id } })).toBe(1);
  });
});

describe("sendMessage: input validation", () => {
  const invalid = async (input: unknown) => {
    const { threadId } = await newThread("member.chloe.dubois@demo.test");
    const member = await actorFor("member.chloe.dubois@demo.test");
    const error = await sendMessage(member, threadId, input as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZodError);
    const response = problemFromError(error);
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ code: "INVALID_INPUT" });
  };

  it("rejects a body that is empty after trimming", () => invalid({ body: " \t\n ", clientMessageId: key() }));
  it("rejects a body of 10,001 characters", () => invalid({ body: "x".repeat(10_001), clientMessageId: key() }));
  it("rejects unknown fields", () => invalid({ body: "hi", clientMessageId: key(), authorId: randomUUID() }));
  it("rejects an unknown visibility", () => invalid({ body: "hi", clientMessageId: key(), visibility: "public" }));

  it("stores the body trimmed", async () => {
    const { member, threadId } = await newThread("member.chloe.dubois@demo.test");
    const { message } = await send(member, threadId, "   padded   ");
    expect(message.body).toBe("padded");
  });
});

describe("sendMessage: where a follow-up goes (issue 9, item 1)", () => {
  it("opens the follow-up in the queue of the team that owns the thread now, not in the old ticket's queue", async () => {
    const db = await getDb();
    const [former, current] = [await createTeam(), await createTeam()];
    const created = await createMember(current.teamId);
    // A conversation whose closed ticket still sits in the former team's queue (as a move
    // before this fix left it, or a ticket transferred away and closed there).
    const done = await createTicket({ ...former, threadTeamId: current.teamId, memberId: created.id, status: "CLOSED" });
    const member = await unsafeLoadActor(created.id, { ...unknownOrigin, ip: "127.0.0.1" });
    if (!member) throw new Error("no actor");
    await send(member, done.threadId, body("after the move"));
    const followUp = await activeTicket(done.threadId);
    expect(followUp).toMatchObject({ queueId: current.queueId, teamId: current.teamId, followUpOfId: done.ticketId });
    // Its events are routed to the owning team too.
    expect(await db.outboxEvent.findFirstOrThrow({ where: { type: "ticket.created", threadId: done.threadId } })).toMatchObject({ teamId: current.teamId });
  });

  it("opens a triage thread's follow-up in triage", async () => {
    const db = await getDb();
    const created = await createMember(null);
    const triage = await db.queue.findFirstOrThrow({ where: { kind: "TRIAGE" } });
    const former = await createTeam();
    const done = await createTicket({ ...former, memberId: created.id, status: "CLOSED" });
    await db.thread.update({ where: { id: done.threadId }, data: { teamId: null } });
    const member = await unsafeLoadActor(created.id, { ...unknownOrigin, ip: "127.0.0.1" });
    if (!member) throw new Error("no actor");
    await send(member, done.threadId, body("still no team"));
    expect(await activeTicket(done.threadId)).toMatchObject({ queueId: triage.id, teamId: null });
  });
});
