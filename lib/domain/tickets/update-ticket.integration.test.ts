import { beforeAll, describe, expect, it, vi } from "vitest";
import { actorFor } from "../../../test/actors";
import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import type { TicketStatus } from "../../db/generated/client";
import { getTicket } from "./get-ticket";
import { createMember, createTicket, demoTeam, type TeamFixture } from "./test-fixtures";
import { updateTicket } from "./update-ticket";

let sunrise: TeamFixture;
let member: { id: string };
let guide: Actor;
let ids: Record<"guideB" | "nurse" | "guide2" | "doctor" | "member", string>;

beforeAll(async () => {
  sunrise = await demoTeam("Sunrise");
  // A member of our own in Sunrise, so that these tickets are no demo member's history.
  member = await createMember(sunrise.teamId);
  guide = await actorFor("guide@demo.test");
  const db = await getDb();
  const id = async (email: string) => (await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
  ids = {
    guideB: await id("guide.b@demo.test"),
    nurse: await id("nurse@demo.test"),
    guide2: await id("guide2@demo.test"),
    doctor: await id("doctor@demo.test"),
    member: await id("member@demo.test"),
  };
});

/** A fresh Sunrise ticket of our member, for one test. */
async function freshTicket(status: TicketStatus = "OPEN", extra: { assigneeId?: string | null; waitingSince?: Date | null } = {}) {
  return createTicket({ teamId: sunrise.teamId, queueId: sunrise.queueId, memberId: member.id, status, ...extra });
}

/** Everything an update writes about one ticket, to compare before and after. */
async function writes(ticketId: string, threadId: string) {
  const db = await getDb();
  const [ticket, events, audits, outbox] = await Promise.all([
    db.ticket.findUniqueOrThrow({ where: { id: ticketId } }),
    db.ticketEvent.findMany({ where: { ticketId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    db.auditLog.findMany({ where: { action: "ticket.update", outcome: "ALLOWED", recordId: ticketId }, orderBy: { id: "asc" } }),
    db.outboxEvent.findMany({ where: { threadId, type: "ticket.updated" }, orderBy: { id: "asc" } }),
  ]);
  return { ticket, events, audits, outbox };
}

describe("updateTicket", () => {
  it("changes the status with one event, one audit row and one outbox event", async () => {
    const { ticketId, threadId } = await freshTicket("OPEN", { waitingSince: new Date(Date.now() - 60_000) });
    const detail = await updateTicket(guide, ticketId, { status: "PENDING" });

    expect(detail.status).toBe("PENDING");
    expect(detail.events.at(-1)).toMatchObject({ type: "STATUS_CHANGED", fromValue: "OPEN", toValue: "PENDING", actor: { id: guide.userId, name: guide.name } });
    const w = await writes(ticketId, threadId);
    expect(w.ticket.waitingSince).toBeNull(); // the member no longer waits on the team
    expect(w.events.map((e) => [e.type, e.actorId])).toEqual([["STATUS_CHANGED", guide.userId]]);
    expect(w.audits).toHaveLength(1);
    expect(w.audits[0]).toMatchObject({
      actorId: guide.userId,
      actorRole: "CARE_GUIDE",
      outcome: "ALLOWED",
      memberId: member.id,
      recordType: "ticket",
      details: { changed: ["status"], status: { from: "OPEN", to: "PENDING" } },
    });
    expect(w.outbox).toHaveLength(1);
    expect(w.outbox[0]).toMatchObject({ teamId: sunrise.teamId, threadId, memberId: null });
    expect(w.outbox[0]!.payload).toEqual({ ticketId, threadId, status: "PENDING", fromStatus: "OPEN", priority: "NORMAL", assigneeId: null, changed: "status" });
  });

  it("stamps solvedAt on SOLVED and closedAt on CLOSED, which frees the thread for a new ticket", async () => {
    const db = await getDb();
    const { ticketId, threadId } = await freshTicket("OPEN");
    await updateTicket(guide, ticketId, { status: "SOLVED" });
    expect((await db.ticket.findUniqueOrThrow({ where: { id: ticketId } })).solvedAt).toBeInstanceOf(Date);
    const closed = await updateTicket(guide, ticketId, { status: "CLOSED" });
    expect(closed.status).toBe("CLOSED");
    expect((await db.ticket.findUniqueOrThrow({ where: { id: ticketId } })).closedAt).toBeInstanceOf(Date);
    expect(closed.events.map((e) => `${e.fromValue}→${e.toValue}`)).toEqual(["OPEN→SOLVED", "SOLVED→CLOSED"]);
    // The one-active-ticket-per-thread slot is free again.
    await db.ticket.create({ data: { threadId, queueId: sunrise.queueId, teamId: sunrise.teamId, status: "NEW" } });
  });

  it("refuses CLOSED → OPEN, and writes nothing", async () => {
    const { ticketId, threadId } = await freshTicket("CLOSED");
    const before = await writes(ticketId, threadId);
    await expect(updateTicket(guide, ticketId, { status: "OPEN" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(updateTicket(guide, ticketId, { priority: "HIGH" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await writes(ticketId, threadId)).toEqual(before);
  });

  it("never moves a ticket back to NEW", async () => {
    const { ticketId } = await freshTicket("OPEN");
    await expect(updateTicket(guide, ticketId, { status: "NEW" })).rejects.toMatchObject({ code: "INVALID_INPUT", issues: [{ path: "status" }] });
  });

  it("assigns to staff of the ticket's team and unassigns, with ASSIGNED events from → to", async () => {
    const { ticketId, threadId } = await freshTicket("NEW");
    const a = await updateTicket(guide, ticketId, { assigneeId: ids.guideB });
    expect(a.assignee).toEqual({ id: ids.guideB, name: "Bea Lindqvist" });
    await updateTicket(guide, ticketId, { assigneeId: ids.nurse });
    const c = await updateTicket(guide, ticketId, { assigneeId: null });
    expect(c.assigneeId).toBeNull();
    const w = await writes(ticketId, threadId);
    expect(w.events.map((e) => [e.type, e.fromValue, e.toValue])).toEqual([
      ["ASSIGNED", null, ids.guideB],
      ["ASSIGNED", ids.guideB, ids.nurse],
      ["ASSIGNED", ids.nurse, null],
    ]);
    expect(w.audits.map((r) => r.details)).toEqual([
      { changed: ["assigneeId"], assigneeId: { from: null, to: ids.guideB } },
      { changed: ["assigneeId"], assigneeId: { from: ids.guideB, to: ids.nurse } },
      { changed: ["assigneeId"], assigneeId: { from: ids.nurse, to: null } },
    ]);
    expect(w.outbox).toHaveLength(3);
  });

  it.each(["guide2", "doctor", "member"] as const)("refuses to assign to %s, who is not on the ticket's team", async (who) => {
    const { ticketId, threadId } = await freshTicket("OPEN");
    const before = await writes(ticketId, threadId);
    const error = await updateTicket(guide, ticketId, { assigneeId: ids[who] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "INVALID_INPUT", message: "A ticket can only be assigned to staff of its team.", issues: [{ path: "assigneeId" }] });
    expect(await writes(ticketId, threadId)).toEqual(before);
  });

  it("changes several fields at once: one event each, one audit row and one outbox event", async () => {
    const { ticketId, threadId } = await freshTicket("OPEN");
    const detail = await updateTicket(guide, ticketId, { status: "ON_HOLD", assigneeId: guide.userId, priority: "URGENT", caseType: "Prescription refill" });
    expect(detail).toMatchObject({ status: "ON_HOLD", assigneeId: guide.userId, priority: "URGENT", caseType: "Prescription refill" });
    const w = await writes(ticketId, threadId);
    expect(w.events.map((e) => [e.type, e.fromValue, e.toValue])).toEqual([
      ["STATUS_CHANGED", "OPEN", "ON_HOLD"],
      ["ASSIGNED", null, guide.userId],
      ["PRIORITY_CHANGED", "NORMAL", "URGENT"],
      ["CASE_TYPE_CHANGED", null, "Prescription refill"],
    ]);
    expect(w.audits).toHaveLength(1);
    expect(w.audits[0]!.details).toEqual({
      changed: ["status", "assigneeId", "priority", "caseType"],
      status: { from: "OPEN", to: "ON_HOLD" },
      priority: { from: "NORMAL", to: "URGENT" },
      assigneeId: { from: null, to: guide.userId },
    });
    // The case type is staff-written text: kept out of the audit row and the outbox event.
    expect(JSON.stringify(w.audits[0]!.details)).not.toContain("Prescription");
    expect(w.outbox).toHaveLength(1);
    expect(JSON.stringify(w.outbox[0]!.payload)).not.toContain("Prescription");
    expect(w.outbox[0]!.payload).toMatchObject({ changed: "status,assigneeId,priority,caseType", status: "ON_HOLD", priority: "URGENT", assigneeId: guide.userId });
  });

  it("writes nothing for input that changes nothing", async () => {
    const { ticketId, threadId } = await freshTicket("PENDING", { assigneeId: ids.guideB });
    await updateTicket(guide, ticketId, { priority: "HIGH", caseType: "Benefits" });
    const before = await writes(ticketId, threadId);
    const detail = await updateTicket(guide, ticketId, { status: "PENDING", assigneeId: ids.guideB, priority: "HIGH", caseType: "Benefits" });
    expect(detail).toMatchObject({ status: "PENDING", priority: "HIGH", caseType: "Benefits" });
    expect(await writes(ticketId, threadId)).toEqual(before);
  });

  it("answers CONFLICT and writes nothing when a concurrent change won", async () => {
    const db = await getDb();
    const { ticketId, threadId } = await freshTicket("OPEN");
    const before = await writes(ticketId, threadId);
    // Someone else moves the ticket between our read and our write.
    const spy = vi.spyOn(db, "$transaction").mockImplementationOnce(async (...args: unknown[]) => {
      await db.ticket.update({ where: { id: ticketId }, data: { status: "PENDING" } });
      spy.mockRestore();
      return (db.$transaction as (...a: unknown[]) => Promise<unknown>)(...args);
    });
    await expect(updateTicket(guide, ticketId, { status: "SOLVED" })).rejects.toMatchObject({ code: "CONFLICT" });
    const after = await writes(ticketId, threadId);
    expect(after.ticket.status).toBe("PENDING");
    expect(after.events).toEqual(before.events);
    expect(after.audits).toEqual(before.audits);
    expect(after.outbox).toEqual(before.outbox);
  });

  it.each([
    ["guide2@demo.test", "Sunrise"],
    ["guide@demo.test", "Virtual Primary Care"],
  ])("answers NOT_FOUND to %s for a %s ticket, changes nothing, and audits the denial", async (email, teamName) => {
    const db = await getDb();
    const actor = await actorFor(email);
    const team = await demoTeam(teamName);
    const ticket = await db.ticket.findFirstOrThrow({ where: { teamId: team.teamId, status: { not: "CLOSED" } }, select: { id: true, threadId: true } });
    const before = await writes(ticket.id, ticket.threadId);
    const denied = () => db.auditLog.count({ where: { actorId: actor.userId, action: "ticket.update", outcome: "DENIED", recordId: ticket.id } });
    const deniedBefore = await denied();
    await expect(updateTicket(actor, ticket.id, { priority: "URGENT" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await writes(ticket.id, ticket.threadId)).toEqual(before);
    expect(await denied()).toBe(deniedBefore + 1);
  });

  it.each(["member@demo.test", "admin@demo.test"])("refuses %s (no ticket.update)", async (email) => {
    const actor = await actorFor(email);
    const { ticketId, threadId } = await freshTicket("OPEN");
    const before = await writes(ticketId, threadId);
    await expect(updateTicket(actor, ticketId, { status: "SOLVED" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await writes(ticketId, threadId)).toEqual(before);
  });

  it("rejects input that is not a change", async () => {
    const { ticketId } = await freshTicket("OPEN");
    await expect(updateTicket(guide, ticketId, {})).rejects.toThrow(/Change at least one field/);
    await expect(updateTicket(guide, ticketId, { status: "DONE" } as never)).rejects.toHaveProperty("name", "ZodError");
  });

  it("returns what getTicket returns afterwards", async () => {
    const { ticketId } = await freshTicket("OPEN");
    const updated = await updateTicket(guide, ticketId, { priority: "LOW" });
    expect(await getTicket(guide, ticketId)).toEqual(updated);
  });
});
