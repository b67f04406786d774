/**
 * The ticket rules of DESIGN.md §4 as pure functions: no database, no clock of their own.
 * Each returns a plain plan — create a ticket, update one (guarded by the status that was
 * read), or nothing — and the ticket events to write; the caller turns the plan into writes
 * in the same transaction as the message (or the manual change) that caused it.
 *
 *   NEW ──staff reply──▶ PENDING ──member reply──▶ OPEN ──staff reply──▶ PENDING …
 *   any open state ──(manual or reply with ticketStatus)──▶ OPEN | PENDING | ON_HOLD | SOLVED | CLOSED
 *   CLOSED is final: a later reply (member or staff) opens a follow-up ticket linked to it.
 *
 * Invariants kept here:
 *  - NEW is only ever a starting state, never a target.
 *  - Internal notes never change a ticket's state.
 *  - solvedAt / closedAt are stamped when the ticket enters SOLVED / CLOSED; solvedAt is
 *    cleared when a SOLVED ticket is reopened (it answers "when was the current
 *    resolution given"; the history lives in the events).
 *  - waitingSince (the member waits for the team) starts at the member's first unanswered
 *    message, ends with a member-visible staff reply and when the ticket leaves the team's
 *    hands (PENDING, SOLVED, CLOSED).
 */
import { AppError } from "../../errors";
import type { TicketStatus } from "./schemas";

/** What the state machine needs to know about the thread's latest ticket. */
export type TicketSnapshot = {
  id: string;
  status: TicketStatus;
  waitingSince: Date | null;
  firstResponseAt: Date | null;
};

export type PlannedEventType = "CREATED" | "STATUS_CHANGED" | "FOLLOW_UP_OPENED";

/** A ticket event to write; the caller adds its id, the actor and the time. */
export type PlannedEvent = { ticketId: string; type: PlannedEventType; fromValue: string | null; toValue: string | null };

/** Ticket columns to set. A key that is absent is left as it is. */
export type TicketFields = {
  status?: TicketStatus;
  waitingSince?: Date | null;
  firstResponseAt?: Date;
  solvedAt?: Date | null;
  closedAt?: Date;
  lastActivityAt?: Date;
};

export type StatusChange = { from: TicketStatus; to: TicketStatus };

export type TicketPlan =
  | { kind: "none"; events: PlannedEvent[] }
  | {
      kind: "update";
      ticketId: string;
      /** Write only if the ticket still has this status (a concurrent change wins, the caller retries). */
      expectedStatus: TicketStatus;
      set: TicketFields;
      statusChange: StatusChange | null;
      events: PlannedEvent[];
    }
  | {
      kind: "create";
      ticket: {
        id: string;
        status: TicketStatus;
        waitingSince: Date | null;
        firstResponseAt: Date | null;
        solvedAt: Date | null;
        closedAt: Date | null;
        lastActivityAt: Date;
        /** The CLOSED ticket this one follows up, or null for a thread's first ticket. */
        followUpOfId: string | null;
      };
      events: PlannedEvent[];
    };

/** The states a person may move a ticket to (by hand, or with a reply). */
export const targetStatuses = ["OPEN", "PENDING", "ON_HOLD", "SOLVED", "CLOSED"] as const satisfies readonly TicketStatus[];

export function isTargetStatus(status: TicketStatus): boolean {
  return (targetStatuses as readonly TicketStatus[]).includes(status);
}

/** States in which the member is not waiting on the team. */
const notWaitingStatuses: readonly TicketStatus[] = ["PENDING", "SOLVED", "CLOSED"];

/** Columns that change when a ticket moves from `from` to `to` (from ≠ to). */
function fieldsForStatusChange(from: TicketStatus, to: TicketStatus, now: Date): TicketFields {
  const set: TicketFields = { status: to };
  if (to === "SOLVED") set.solvedAt = now;
  if (to === "CLOSED") set.closedAt = now;
  if (from === "SOLVED" && to !== "CLOSED") set.solvedAt = null;
  if (notWaitingStatuses.includes(to)) set.waitingSince = null;
  return set;
}

function statusChangedEvent(ticketId: string, from: TicketStatus, to: TicketStatus): PlannedEvent {
  return { ticketId, type: "STATUS_CHANGED", fromValue: from, toValue: to };
}

function assertTarget(status: TicketStatus): void {
  if (!isTargetStatus(status)) {
    throw new AppError("INVALID_INPUT", "A ticket cannot be set back to NEW.", [{ path: "ticketStatus", message: "NEW is not a status a ticket can be moved to." }]);
  }
}

type CreateContext = { now: Date; newTicketId: string };

function createTicket(previous: TicketSnapshot | null, status: TicketStatus, by: "member" | "staff", { now, newTicketId }: CreateContext): TicketPlan {
  const events: PlannedEvent[] = [{ ticketId: newTicketId, type: "CREATED", fromValue: null, toValue: status }];
  if (previous) events.push({ ticketId: newTicketId, type: "FOLLOW_UP_OPENED", fromValue: previous.id, toValue: newTicketId });
  return {
    kind: "create",
    ticket: {
      id: newTicketId,
      status,
      waitingSince: by === "member" ? now : null,
      firstResponseAt: by === "staff" ? now : null,
      solvedAt: status === "SOLVED" ? now : null,
      closedAt: status === "CLOSED" ? now : null,
      lastActivityAt: now,
      followUpOfId: previous?.id ?? null,
    },
    events,
  };
}

/**
 * A member writes on the thread:
 *  - no ticket yet → a NEW one; latest CLOSED → a NEW follow-up linked to it;
 *  - PENDING or SOLVED → OPEN; NEW, OPEN and ON_HOLD stay;
 *  - the member now waits (since their first unanswered message).
 */
export function planMemberMessage(latest: TicketSnapshot | null, ctx: CreateContext): TicketPlan {
  if (!latest || latest.status === "CLOSED") return createTicket(latest, "NEW", "member", ctx);
  const set: TicketFields = { lastActivityAt: ctx.now };
  // Only start the clock; a concurrent writer that already started it keeps its time.
  if (latest.waitingSince === null) set.waitingSince = ctx.now;
  let statusChange: StatusChange | null = null;
  if (latest.status === "PENDING" || latest.status === "SOLVED") {
    statusChange = { from: latest.status, to: "OPEN" };
    Object.assign(set, fieldsForStatusChange(latest.status, "OPEN", ctx.now));
  }
  return updatePlan(latest, set, statusChange);
}

/** An update of the latest ticket, guarded by the status it was planned from. */
function updatePlan(latest: TicketSnapshot, set: TicketFields, statusChange: StatusChange | null): TicketPlan {
  return {
    kind: "update",
    ticketId: latest.id,
    expectedStatus: latest.status,
    set,
    statusChange,
    events: statusChange ? [statusChangedEvent(latest.id, statusChange.from, statusChange.to)] : [],
  };
}

/**
 * A staff member replies where the member can read it:
 *  - the ticket goes to `ticketStatus` when given, else NEW/OPEN → PENDING and other
 *    states stay;
 *  - the first staff reply stamps firstResponseAt; the member no longer waits;
 *  - latest ticket CLOSED (or none) → a follow-up in `ticketStatus ?? PENDING`, except
 *    that replying "and keep it closed" (ticketStatus CLOSED) opens nothing.
 */
export function planStaffReply(latest: TicketSnapshot | null, ctx: CreateContext & { ticketStatus?: TicketStatus | undefined }): TicketPlan {
  if (ctx.ticketStatus !== undefined) assertTarget(ctx.ticketStatus);
  if (!latest || latest.status === "CLOSED") {
    const status = ctx.ticketStatus ?? "PENDING";
    if (status === "CLOSED") return { kind: "none", events: [] };
    return createTicket(latest, status, "staff", ctx);
  }
  const target = ctx.ticketStatus ?? (latest.status === "NEW" || latest.status === "OPEN" ? "PENDING" : latest.status);
  const set: TicketFields = { lastActivityAt: ctx.now };
  if (latest.waitingSince !== null) set.waitingSince = null;
  if (latest.firstResponseAt === null) set.firstResponseAt = ctx.now;
  const statusChange: StatusChange | null = target === latest.status ? null : { from: latest.status, to: target };
  if (statusChange) Object.assign(set, fieldsForStatusChange(statusChange.from, statusChange.to, ctx.now));
  return updatePlan(latest, set, statusChange);
}

/**
 * An internal note never changes the ticket's state; it only counts as activity on an
 * active ticket. Asking for a status change with a note is a mistake the caller must see.
 */
export function planInternalNote(latest: TicketSnapshot | null, ctx: { now: Date; ticketStatus?: TicketStatus | undefined }): TicketPlan {
  if (ctx.ticketStatus !== undefined) {
    throw new AppError("INVALID_INPUT", "An internal note cannot change the ticket's status.", [
      { path: "ticketStatus", message: "Internal notes never change the ticket's status; send a reply or change the ticket instead." },
    ]);
  }
  if (!latest || latest.status === "CLOSED") return { kind: "none", events: [] };
  return { kind: "update", ticketId: latest.id, expectedStatus: latest.status, set: { lastActivityAt: ctx.now }, statusChange: null, events: [] };
}

export type MessageKind = "member" | "staffReply" | "internalNote";

/** Dispatches on who wrote what (see the three plan functions above). */
export function planTicketForMessage(
  latest: TicketSnapshot | null,
  kind: MessageKind,
  ctx: CreateContext & { ticketStatus?: TicketStatus | undefined },
): TicketPlan {
  if (kind === "member") {
    if (ctx.ticketStatus !== undefined) throw new AppError("INVALID_INPUT", "Members cannot set a ticket's status.");
    return planMemberMessage(latest, ctx);
  }
  if (kind === "internalNote") return planInternalNote(latest, ctx);
  return planStaffReply(latest, ctx);
}

export type ManualStatusChange = {
  from: TicketStatus;
  to: TicketStatus;
  /** Columns to set on the ticket (status, solvedAt/closedAt, waitingSince when it ends). */
  set: TicketFields;
  event: { type: "STATUS_CHANGED"; fromValue: TicketStatus; toValue: TicketStatus };
};

/**
 * A person changes the status by hand (updateTicket). Any open state may move to any of
 * OPEN, PENDING, ON_HOLD, SOLVED, CLOSED. Returns null for a no-op (same → same).
 * Throws INVALID_INPUT for NEW as a target, CONFLICT for a CLOSED ticket (a reply opens a
 * follow-up instead).
 */
export function manualStatusChange(from: TicketStatus, to: TicketStatus, now: Date = new Date()): ManualStatusChange | null {
  if (from === to) return null;
  assertTarget(to);
  if (from === "CLOSED") {
    throw new AppError("CONFLICT", "This ticket is closed. A new message on the thread opens a follow-up ticket.");
  }
  return { from, to, set: fieldsForStatusChange(from, to, now), event: { type: "STATUS_CHANGED", fromValue: from, toValue: to } };
}
