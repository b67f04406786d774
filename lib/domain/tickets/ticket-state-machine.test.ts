import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { ticketStatuses, type TicketStatus } from "./schemas";
import {
  manualStatusChange,
  planInternalNote,
  planMemberMessage,
  planStaffReply,
  planTicketForMessage,
  targetStatuses,
  type TicketSnapshot,
} from "./ticket-state-machine";

const now = new Date("2026-11-26T12:00:00.000Z");
const earlier = new Date("2026-11-26T09:00:00.000Z");
const newTicketId = "0196b0a4-0000-7000-8000-00000000000b";

function ticket(status: TicketStatus, extra: Partial<TicketSnapshot> = {}): TicketSnapshot {
  return { id: "0196b0a4-0000-7000-8000-00000000000a", status, waitingSince: null, firstResponseAt: null, ...extra };
}

function expectAppError(fn: () => unknown, code: string) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    return;
  }
  throw new Error(`expected AppError ${code}`);
}

describe("member message", () => {
  it("creates a NEW ticket when the thread never had one, and the member waits from now", () => {
    const plan = planMemberMessage(null, { now, newTicketId });
    expect(plan).toEqual({
      kind: "create",
      ticket: { id: newTicketId, status: "NEW", waitingSince: now, firstResponseAt: null, solvedAt: null, closedAt: null, lastActivityAt: now, followUpOfId: null },
      events: [{ ticketId: newTicketId, type: "CREATED", fromValue: null, toValue: "NEW" }],
    });
  });

  it("opens a NEW follow-up linked to a CLOSED ticket, with CREATED and FOLLOW_UP_OPENED events", () => {
    const closed = ticket("CLOSED");
    const plan = planMemberMessage(closed, { now, newTicketId });
    expect(plan.kind).toBe("create");
    if (plan.kind !== "create") return;
    expect(plan.ticket).toMatchObject({ id: newTicketId, status: "NEW", followUpOfId: closed.id, waitingSince: now, firstResponseAt: null });
    expect(plan.events).toEqual([
      { ticketId: newTicketId, type: "CREATED", fromValue: null, toValue: "NEW" },
      { ticketId: newTicketId, type: "FOLLOW_UP_OPENED", fromValue: closed.id, toValue: newTicketId },
    ]);
  });

  it.each(["PENDING", "SOLVED"] as const)("moves %s back to OPEN", (status) => {
    const plan = planMemberMessage(ticket(status, { firstResponseAt: earlier }), { now, newTicketId });
    expect(plan).toMatchObject({ kind: "update", expectedStatus: status, statusChange: { from: status, to: "OPEN" } });
    if (plan.kind !== "update") return;
    expect(plan.set).toMatchObject({ status: "OPEN", waitingSince: now, lastActivityAt: now });
    expect(plan.events).toEqual([{ ticketId: ticket(status).id, type: "STATUS_CHANGED", fromValue: status, toValue: "OPEN" }]);
    // Reopening a solved ticket withdraws its resolution time.
    if (status === "SOLVED") expect(plan.set.solvedAt).toBeNull();
    else expect("solvedAt" in plan.set).toBe(false);
  });

  it.each(["NEW", "OPEN", "ON_HOLD"] as const)("leaves %s as it is", (status) => {
    const plan = planMemberMessage(ticket(status), { now, newTicketId });
    expect(plan).toEqual({
      kind: "update",
      ticketId: ticket(status).id,
      expectedStatus: status,
      set: { lastActivityAt: now, waitingSince: now },
      statusChange: null,
      events: [],
    });
  });

  it("keeps the time the member started waiting", () => {
    const plan = planMemberMessage(ticket("OPEN", { waitingSince: earlier }), { now, newTicketId });
    expect(plan.kind === "update" && "waitingSince" in plan.set).toBe(false);
  });

  it("refuses a status chosen by a member", () => {
    expectAppError(() => planTicketForMessage(ticket("OPEN"), "member", { now, newTicketId, ticketStatus: "SOLVED" }), "INVALID_INPUT");
  });
});

describe("staff reply the member can read", () => {
  it.each(["NEW", "OPEN"] as const)("moves %s to PENDING by default, stamps the first response, ends the wait", (status) => {
    const plan = planStaffReply(ticket(status, { waitingSince: earlier }), { now, newTicketId });
    expect(plan).toMatchObject({ kind: "update", expectedStatus: status, statusChange: { from: status, to: "PENDING" } });
    if (plan.kind !== "update") return;
    expect(plan.set).toEqual({ status: "PENDING", lastActivityAt: now, waitingSince: null, firstResponseAt: now });
    expect(plan.events).toEqual([{ ticketId: ticket(status).id, type: "STATUS_CHANGED", fromValue: status, toValue: "PENDING" }]);
  });

  it.each(["PENDING", "ON_HOLD", "SOLVED"] as const)("leaves %s as it is by default", (status) => {
    const plan = planStaffReply(ticket(status, { firstResponseAt: earlier }), { now, newTicketId });
    expect(plan).toMatchObject({ kind: "update", statusChange: null, events: [] });
    if (plan.kind !== "update") return;
    expect(plan.set).toEqual({ lastActivityAt: now });
  });

  it("ends the member's wait on a state that stays (ON_HOLD)", () => {
    const plan = planStaffReply(ticket("ON_HOLD", { waitingSince: earlier, firstResponseAt: earlier }), { now, newTicketId });
    expect(plan.kind === "update" && plan.set).toEqual({ lastActivityAt: now, waitingSince: null });
  });

  it("keeps an earlier first response time", () => {
    const plan = planStaffReply(ticket("OPEN", { firstResponseAt: earlier }), { now, newTicketId });
    expect(plan.kind === "update" && "firstResponseAt" in plan.set).toBe(false);
  });

  const open: TicketStatus[] = ["NEW", "OPEN", "PENDING", "ON_HOLD", "SOLVED"];
  for (const from of open) {
    for (const to of targetStatuses) {
      it(`moves ${from} to ${to} when the responder chooses ${to}`, () => {
        const plan = planStaffReply(ticket(from), { now, newTicketId, ticketStatus: to });
        expect(plan.kind).toBe("update");
        if (plan.kind !== "update") return;
        if (from === to) {
          expect(plan.statusChange).toBeNull();
          expect(plan.events).toEqual([]);
          expect(plan.set.status).toBeUndefined();
          return;
        }
        expect(plan.statusChange).toEqual({ from, to });
        expect(plan.set.status).toBe(to);
        expect(plan.events).toEqual([{ ticketId: ticket(from).id, type: "STATUS_CHANGED", fromValue: from, toValue: to }]);
        if (to === "SOLVED") expect(plan.set.solvedAt).toEqual(now);
        if (to === "CLOSED") expect(plan.set.closedAt).toEqual(now);
        if (from === "SOLVED" && to !== "CLOSED") expect(plan.set.solvedAt).toBeNull();
      });
    }
  }

  it.each(ticketStatuses)("never moves a %s ticket to NEW", (from) => {
    expectAppError(() => planStaffReply(ticket(from), { now, newTicketId, ticketStatus: "NEW" }), "INVALID_INPUT");
  });

  it("opens a PENDING follow-up on a CLOSED ticket by default", () => {
    const closed = ticket("CLOSED");
    const plan = planStaffReply(closed, { now, newTicketId });
    expect(plan.kind).toBe("create");
    if (plan.kind !== "create") return;
    expect(plan.ticket).toEqual({
      id: newTicketId,
      status: "PENDING",
      waitingSince: null,
      firstResponseAt: now,
      solvedAt: null,
      closedAt: null,
      lastActivityAt: now,
      followUpOfId: closed.id,
    });
    expect(plan.events).toEqual([
      { ticketId: newTicketId, type: "CREATED", fromValue: null, toValue: "PENDING" },
      { ticketId: newTicketId, type: "FOLLOW_UP_OPENED", fromValue: closed.id, toValue: newTicketId },
    ]);
  });

  it.each(["OPEN", "PENDING", "ON_HOLD", "SOLVED"] as const)("opens the follow-up in the chosen state %s", (to) => {
    const plan = planStaffReply(ticket("CLOSED"), { now, newTicketId, ticketStatus: to });
    expect(plan.kind === "create" && plan.ticket.status).toBe(to);
    if (plan.kind === "create") expect(plan.ticket.solvedAt).toEqual(to === "SOLVED" ? now : null);
  });

  it("opens nothing when the responder keeps a CLOSED ticket closed", () => {
    expect(planStaffReply(ticket("CLOSED"), { now, newTicketId, ticketStatus: "CLOSED" })).toEqual({ kind: "none", events: [] });
  });

  it("creates a ticket (not a follow-up) on a thread that never had one", () => {
    const plan = planStaffReply(null, { now, newTicketId });
    expect(plan.kind === "create" && plan.ticket.followUpOfId).toBeNull();
    expect(plan.events.map((e) => e.type)).toEqual(["CREATED"]);
  });
});

describe("internal note", () => {
  it.each(["NEW", "OPEN", "PENDING", "ON_HOLD", "SOLVED"] as const)("never changes a %s ticket's state", (status) => {
    const plan = planInternalNote(ticket(status, { waitingSince: earlier }), { now });
    expect(plan).toEqual({ kind: "update", ticketId: ticket(status).id, expectedStatus: status, set: { lastActivityAt: now }, statusChange: null, events: [] });
  });

  it("leaves a CLOSED ticket alone and opens no follow-up", () => {
    expect(planInternalNote(ticket("CLOSED"), { now })).toEqual({ kind: "none", events: [] });
    expect(planInternalNote(null, { now })).toEqual({ kind: "none", events: [] });
  });

  it.each(ticketStatuses)("refuses a ticketStatus (%s) with an internal note", (to) => {
    expectAppError(() => planInternalNote(ticket("OPEN"), { now, ticketStatus: to }), "INVALID_INPUT");
    expectAppError(() => planTicketForMessage(ticket("OPEN"), "internalNote", { now, newTicketId, ticketStatus: to }), "INVALID_INPUT");
  });
});

describe("planTicketForMessage", () => {
  it("dispatches by kind of message", () => {
    expect(planTicketForMessage(ticket("PENDING"), "member", { now, newTicketId })).toEqual(planMemberMessage(ticket("PENDING"), { now, newTicketId }));
    expect(planTicketForMessage(ticket("OPEN"), "staffReply", { now, newTicketId })).toEqual(planStaffReply(ticket("OPEN"), { now, newTicketId }));
    expect(planTicketForMessage(ticket("OPEN"), "internalNote", { now, newTicketId })).toEqual(planInternalNote(ticket("OPEN"), { now }));
  });
});

describe("manual status change", () => {
  const from: TicketStatus[] = ["NEW", "OPEN", "PENDING", "ON_HOLD", "SOLVED"];
  for (const f of from) {
    for (const to of targetStatuses) {
      if (f === to) continue;
      it(`allows ${f} → ${to}`, () => {
        const change = manualStatusChange(f, to, now);
        expect(change).not.toBeNull();
        expect(change?.event).toEqual({ type: "STATUS_CHANGED", fromValue: f, toValue: to });
        expect(change?.set.status).toBe(to);
        expect(change?.set.solvedAt).toEqual(to === "SOLVED" ? now : f === "SOLVED" && to !== "CLOSED" ? null : undefined);
        expect(change?.set.closedAt).toEqual(to === "CLOSED" ? now : undefined);
        // The wait ends when the ticket leaves the team's hands; otherwise it is untouched.
        expect(change?.set.waitingSince).toEqual(["PENDING", "SOLVED", "CLOSED"].includes(to) ? null : undefined);
      });
    }
  }

  it.each(ticketStatuses)("treats %s → the same status as a no-op", (s) => {
    expect(manualStatusChange(s, s, now)).toBeNull();
  });

  it.each(["OPEN", "PENDING", "ON_HOLD", "SOLVED", "CLOSED"] as const)("never moves a ticket back to NEW (from %s)", (f) => {
    expectAppError(() => manualStatusChange(f, "NEW", now), "INVALID_INPUT");
  });

  it.each(["OPEN", "PENDING", "ON_HOLD", "SOLVED"] as const)("refuses to reopen a CLOSED ticket to %s", (to) => {
    expectAppError(() => manualStatusChange("CLOSED", to, now), "CONFLICT");
  });

  it("keeps solvedAt when a SOLVED ticket closes", () => {
    expect(manualStatusChange("SOLVED", "CLOSED", now)?.set).toEqual({ status: "CLOSED", closedAt: now, waitingSince: null });
  });

  it("defaults the time to now", () => {
    const before = Date.now();
    const solvedAt = manualStatusChange("OPEN", "SOLVED")?.set.solvedAt;
    expect(solvedAt?.getTime()).toBeGreaterThanOrEqual(before);
  });
});
