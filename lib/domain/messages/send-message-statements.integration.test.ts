/**
 * The send's two raw statements (send-state-sql.ts, send-write-sql.ts): round trips, the
 * guards of the write (a tripped guard writes nothing at all), and rows equal to the ones
 * the Prisma batch wrote before (audit, outbox). The behaviour of sendMessage as a whole is
 * in send-message.integration.test.ts.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { countRoundTrips } from "../../../test/round-trips";
import type { Actor } from "../../access/actor";
import { getDb, getSql } from "../../db/client";
import { auditRowData } from "../audit/audit-row-data";
import { outboxEventData } from "../outbox/outbox-event";
import { uuid7 } from "../shared/uuid7";
import { planTicketForMessage, type MessageKind } from "../tickets/ticket-state-machine";
import { createTeam } from "../tickets/test-fixtures";
import { createThread } from "../threads/create-thread";
import { sendMessage } from "./send-message";
import { readSendState } from "./send-state-sql";
import { sendUniqueViolation, sendWriteParams, sendWriteSql, type SendWrite } from "./send-write-sql";

const key = () => `sms-${randomUUID()}`;
const body = (label: string) => `Send statements test ${label} ${randomUUID()}`;

async function newThread(memberEmail = "member.hannah.goldberg@demo.test") {
  const member = await actorFor(memberEmail);
  const { thread } = await createThread(member, { body: body("opening"), clientMessageId: key() });
  return { member, threadId: thread.id };
}

/** A write planned from what the thread is now, as sendMessage plans it (without running it). */
async function plannedWrite(actor: Actor, threadId: string, opts: { internal?: boolean; clientMessageId?: string; ticketStatus?: "CLOSED" } = {}): Promise<SendWrite> {
  const state = await readSendState(actor, threadId, key());
  if (!state) throw new Error("thread not in scope");
  const now = new Date();
  const kind: MessageKind = actor.role === "MEMBER" ? "member" : opts.internal ? "internalNote" : "staffReply";
  const plan = planTicketForMessage(state.latest, kind, { now, newTicketId: uuid7(now.getTime()), ticketStatus: opts.ticketStatus });
  const messageId = uuid7(now.getTime());
  const visibility = opts.internal ? "internal" : "member";
  return {
    actor,
    now,
    thread: state.thread,
    message: { id: messageId, body: body("planned"), clientMessageId: opts.clientMessageId ?? key(), visibility, byMember: kind === "member" },
    plan,
    caseType: state.latest?.caseType ?? null,
    audit: { action: "message.send", memberId: state.thread.memberId, recordType: "message", recordId: messageId, details: { threadId, visibility } },
    outbox: [{ type: "message.created", teamId: state.thread.teamId, threadId, memberId: state.thread.memberId, payload: { messageId, threadId, visibility } }],
  };
}

async function runWrite(write: SendWrite): Promise<number> {
  const sql = await getSql();
  const [row] = await sql<{ sent: number }>(sendWriteSql, sendWriteParams(write));
  return row!.sent;
}

/** Everything a send writes, to compare before and after a write that must write nothing. */
async function snapshot(threadId: string, write: SendWrite) {
  const db = await getDb();
  return {
    thread: await db.thread.findUniqueOrThrow({ where: { id: threadId } }),
    tickets: await db.ticket.findMany({ where: { threadId }, orderBy: { id: "asc" } }),
    events: await db.ticketEvent.count({ where: { ticket: { threadId } } }),
    messages: await db.message.count({ where: { threadId } }),
    readStates: await db.threadReadState.findMany({ where: { threadId }, orderBy: { userId: "asc" } }),
    audit: await db.auditLog.count({ where: { recordId: write.message.id } }),
    outbox: await db.outboxEvent.count({ where: { threadId } }),
  };
}

describe("sendMessage: round trips", () => {
  it("a plain send is two round trips (read, write), also when it opens a follow-up", async () => {
    const { member, threadId } = await newThread();
    const guide = await actorFor("guide@demo.test");
    const trips = async (actor: Actor, extra: Record<string, unknown> = {}) =>
      countRoundTrips(() => sendMessage(actor, threadId, { body: body("counted"), clientMessageId: key(), ...extra }));
    expect(await trips(guide)).toBe(2); // NEW → PENDING
    expect(await trips(member)).toBe(2); // PENDING → OPEN
    expect(await trips(guide, { visibility: "internal" })).toBe(2);
    expect(await trips(guide, { ticketStatus: "CLOSED" })).toBe(2);
    expect(await trips(member)).toBe(2); // a follow-up, in the team's queue
    const db = await getDb();
    expect(await db.ticket.count({ where: { threadId } })).toBe(2);
  });

  it("a replay is answered from the probe of the read (no write)", async () => {
    const { member, threadId } = await newThread();
    const clientMessageId = key();
    const first = await sendMessage(member, threadId, { body: body("once"), clientMessageId });
    const db = await getDb();
    const before = await db.message.count({ where: { threadId } });
    const again = await sendMessage(member, threadId, { body: body("again"), clientMessageId });
    expect(again).toEqual({ message: first.message, created: false });
    expect(await db.message.count({ where: { threadId } })).toBe(before);
  });
});

describe("the write statement's guards: when one trips, nothing is written", () => {
  it("the ticket's status changed since it was read", async () => {
    const { threadId } = await newThread();
    const guide = await actorFor("guide@demo.test");
    const write = await plannedWrite(guide, threadId); // planned from NEW
    const db = await getDb();
    await db.ticket.updateMany({ where: { threadId }, data: { status: "ON_HOLD" } });
    const before = await snapshot(threadId, write);
    expect(await runWrite(write)).toBe(0);
    expect(await snapshot(threadId, write)).toEqual(before);
  });

  it("the thread moved to another team since it was read", async () => {
    const { member, threadId } = await newThread();
    const write = await plannedWrite(member, threadId);
    const db = await getDb();
    const other = await createTeam();
    await db.thread.update({ where: { id: threadId }, data: { teamId: other.teamId } });
    const before = await snapshot(threadId, write);
    expect(await runWrite(write)).toBe(0);
    expect(await snapshot(threadId, write)).toEqual(before);
  });

  it("the thread left the actor's scope (an internal note, which does not move the thread)", async () => {
    const { threadId } = await newThread();
    const guide = await actorFor("guide@demo.test");
    const write = await plannedWrite(guide, threadId, { internal: true });
    const before = await snapshot(threadId, write);
    expect(await runWrite({ ...write, actor: { ...guide, teamIds: [] } })).toBe(0);
    expect(await snapshot(threadId, write)).toEqual(before);
    // The same write in scope goes through.
    expect(await runWrite(write)).toBe(1);
  });

  it("another active ticket appeared: the follow-up fails on the unique index, as a lost race", async () => {
    const { member, threadId } = await newThread();
    const guide = await actorFor("guide@demo.test");
    await sendMessage(guide, threadId, { body: body("close"), clientMessageId: key(), ticketStatus: "CLOSED" });
    const write = await plannedWrite(member, threadId);
    expect(write.plan.kind).toBe("create");
    await sendMessage(guide, threadId, { body: body("reopens first"), clientMessageId: key() });
    const before = await snapshot(threadId, write);
    const error = await runWrite(write).catch((e: unknown) => e);
    expect(sendUniqueViolation(error)).toBe("ticket");
    expect(await snapshot(threadId, write)).toEqual(before);
  });

  it("the same clientMessageId was sent meanwhile: the message's key, nothing else written", async () => {
    const { member, threadId } = await newThread();
    const clientMessageId = key();
    const write = await plannedWrite(member, threadId, { clientMessageId });
    await sendMessage(member, threadId, { body: body("first"), clientMessageId });
    const before = await snapshot(threadId, write);
    const error = await runWrite(write).catch((e: unknown) => e);
    expect(sendUniqueViolation(error)).toBe("message");
    expect(await snapshot(threadId, write)).toEqual(before);
  });
});

/**
 * Runs `change` in a transaction of its own connection, starts the write while that
 * transaction holds its row lock, waits until the write is blocked on it, then commits: the
 * write must re-check its guard on the committed row (READ COMMITTED's re-check of a locked
 * row), not on the snapshot it started with.
 */
async function writeRacing(write: SendWrite, change: (c: pg.Client) => Promise<unknown>): Promise<number> {
  const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await other.connect();
  try {
    await other.query("BEGIN");
    await change(other);
    const sent = runWrite(write);
    // Watched from outside that transaction: inside one, pg_stat_activity is a snapshot taken
    // at its first read.
    const sql = await getSql();
    for (let i = 0; ; i++) {
      const [row] = await sql<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1",
        ["%ticket_upd AS%"],
      );
      if (row!.n > 0) break;
      if (i > 200) throw new Error("the write never waited for the lock");
      await new Promise((r) => setTimeout(r, 10));
    }
    await other.query("COMMIT");
    return await sent;
  } finally {
    await other.end();
  }
}

describe("the write statement's guards under a concurrent commit", () => {
  it("a status change committed while the write waits: nothing written", async () => {
    const { threadId } = await newThread();
    const guide = await actorFor("guide@demo.test");
    const write = await plannedWrite(guide, threadId);
    const before = await snapshot(threadId, write);
    const sent = await writeRacing(write, (c) => c.query(`UPDATE tickets SET status = 'ON_HOLD' WHERE thread_id = $1`, [threadId]));
    expect(sent).toBe(0);
    const after = await snapshot(threadId, write);
    expect(after.tickets.map((t) => t.status)).toEqual(["ON_HOLD"]);
    expect({ ...after, tickets: null }).toEqual({ ...before, tickets: null });
  });

  it("a change of team committed while the write waits: nothing written", async () => {
    const { member, threadId } = await newThread();
    const write = await plannedWrite(member, threadId);
    const other = await createTeam();
    const before = await snapshot(threadId, write);
    const sent = await writeRacing(write, (c) => c.query(`UPDATE threads SET team_id = $2 WHERE id = $1`, [threadId, other.teamId]));
    expect(sent).toBe(0);
    const after = await snapshot(threadId, write);
    expect(after.thread.teamId).toBe(other.teamId);
    expect({ ...after, thread: null }).toEqual({ ...before, thread: null });
  });

  it("an unrelated change committed while the write waits: the write goes through", async () => {
    const { member, threadId } = await newThread();
    const write = await plannedWrite(member, threadId);
    const sent = await writeRacing(write, (c) => c.query(`UPDATE tickets SET priority = 'HIGH' WHERE thread_id = $1`, [threadId]));
    expect(sent).toBe(1);
  });
});

describe("the write statement's rows", () => {
  it("writes the audit row and outbox rows the Prisma builders make, and the ticket and thread columns", async () => {
    const { member, threadId } = await newThread();
    const guide = await actorFor("guide@demo.test");
    const db = await getDb();
    const ticket = await db.ticket.findFirstOrThrow({ where: { threadId } });
    const { message } = await sendMessage(guide, threadId, { body: body("reply"), clientMessageId: key() });
    const at = new Date(message.createdAt);

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "message.send", recordId: message.id } });
    const expected = auditRowData(guide, {
      action: "message.send",
      memberId: member.userId,
      recordType: "message",
      recordId: message.id,
      details: { threadId, visibility: "member", ticketId: ticket.id, fromStatus: "NEW", toStatus: "PENDING" },
    });
    expect(audit).toMatchObject(expected);
    expect(audit.details).toEqual(expected.details);

    const outbox = await db.outboxEvent.findMany({ where: { threadId, id: { gt: (await db.outboxEvent.findFirstOrThrow({ where: { threadId, type: "ticket.created" } })).id } }, orderBy: { id: "asc" } });
    const routing = { teamId: ticket.teamId, threadId, memberId: member.userId };
    expect(outbox.map(({ type, teamId, threadId, memberId, userId, payload }) => ({ type, teamId, threadId, memberId, userId, payload }))).toEqual([
      { userId: null, ...outboxEventData({ ...routing, type: "message.created", payload: { messageId: message.id, threadId, authorId: guide.userId, authorRole: "CARE_GUIDE", visibility: "member", ticketId: ticket.id } }) },
      { userId: null, ...outboxEventData({ ...routing, type: "ticket.updated", payload: { ticketId: ticket.id, threadId, status: "PENDING", previousStatus: "NEW" } }) },
    ]);

    expect(await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({
      status: "PENDING",
      waitingSince: null,
      firstResponseAt: at,
      lastActivityAt: at,
      updatedAt: at,
      solvedAt: null,
      queueId: ticket.queueId,
    });
    expect(await db.ticketEvent.findMany({ where: { ticketId: ticket.id, type: "STATUS_CHANGED" }, select: { actorId: true, fromValue: true, toValue: true, createdAt: true } })).toEqual([
      { actorId: guide.userId, fromValue: "NEW", toValue: "PENDING", createdAt: at },
    ]);
    expect(await db.thread.findUniqueOrThrow({ where: { id: threadId } })).toMatchObject({ lastMessageAt: at });
    expect(await db.threadReadState.findUniqueOrThrow({ where: { threadId_userId: { threadId, userId: guide.userId } } })).toMatchObject({ lastReadAt: at });
    expect(await db.message.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ visibility: "MEMBER", authorId: guide.userId, createdAt: at, body: message.body });
  });

  it("a follow-up keeps the case type and is routed to the owning team's queue", async () => {
    const { member, threadId } = await newThread();
    const guide = await actorFor("guide@demo.test");
    const db = await getDb();
    const first = await db.ticket.findFirstOrThrow({ where: { threadId } });
    await db.ticket.update({ where: { id: first.id }, data: { caseType: "BILLING" } });
    await sendMessage(guide, threadId, { body: body("close"), clientMessageId: key(), ticketStatus: "CLOSED" });
    const { message } = await sendMessage(member, threadId, { body: body("again"), clientMessageId: key() });
    const at = new Date(message.createdAt);
    const followUp = await db.ticket.findFirstOrThrow({ where: { threadId, status: { not: "CLOSED" } } });
    expect(followUp).toMatchObject({
      status: "NEW",
      caseType: "BILLING",
      followUpOfId: first.id,
      queueId: first.queueId,
      teamId: first.teamId,
      waitingSince: at,
      firstResponseAt: null,
      solvedAt: null,
      closedAt: null,
      lastActivityAt: at,
      createdAt: at,
      updatedAt: at,
      priority: "NORMAL",
      assigneeId: null,
    });
    expect(await db.thread.findUniqueOrThrow({ where: { id: threadId } })).toMatchObject({ lastMessageAt: at, lastMemberMessageAt: at });
  });
});

describe("the thread's times only move forward", () => {
  it("a send planned at an earlier time than the thread's times (a racing send that committed first) does not move them back", async () => {
    const { member, threadId } = await newThread();
    const db = await getDb();
    const ahead = new Date(Date.now() + 60_000);
    await db.thread.update({ where: { id: threadId }, data: { lastMessageAt: ahead, lastMemberMessageAt: ahead } });
    await sendMessage(member, threadId, { body: body("later"), clientMessageId: key() });
    const thread = await db.thread.findUniqueOrThrow({ where: { id: threadId }, select: { lastMessageAt: true, lastMemberMessageAt: true } });
    expect(thread).toEqual({ lastMessageAt: ahead, lastMemberMessageAt: ahead });
  });
});

describe("the rare send, with files or mentions (one interactive transaction)", () => {
  it("tags an attachment with the message, its thread, ticket and member, and answers with it", async () => {
    const { member, threadId } = await newThread();
    const db = await getDb();
    const attachment = await db.attachment.create({
      data: { id: uuid7(), uploaderId: member.userId, displayName: "scan.pdf", sizeBytes: 1234, status: "CLEAN" },
      select: { id: true },
    });
    const ticket = await db.ticket.findFirstOrThrow({ where: { threadId } });
    const { message } = await sendMessage(member, threadId, { body: "", clientMessageId: key(), attachmentIds: [attachment.id] });
    expect(message.attachments.map((a) => a.id)).toEqual([attachment.id]);
    expect(await db.attachment.findUniqueOrThrow({ where: { id: attachment.id } })).toMatchObject({ messageId: message.id, threadId, ticketId: ticket.id, memberId: member.userId });
  });

  it("parallel retries of a note with a mention store one message and one mention", async () => {
    const { threadId } = await newThread("member.mei.chen@demo.test");
    const guide = await actorFor("guide@demo.test");
    const nurse = await actorFor("nurse@demo.test");
    const clientMessageId = key();
    const text = body("note with mention");
    const results = await Promise.all(
      Array.from({ length: 4 }, () => sendMessage(guide, threadId, { body: text, clientMessageId, visibility: "internal", mentions: [nurse.userId] })),
    );
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const db = await getDb();
    expect(await db.message.count({ where: { threadId, body: text } })).toBe(1);
    expect(await db.notification.count({ where: { threadId, userId: nurse.userId, type: "MENTION" } })).toBe(1);
  });
});
