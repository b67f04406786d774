/**
 * When a ticket's response target falls due (docs/sla.md). Pure; the queue and the breach
 * sweep both use it, so the time shown and the breach recorded always agree.
 *
 * - Only tickets a member is waiting on count: `waitingSince` set and status NEW or OPEN.
 *   ON_HOLD (waiting on a third party) pauses the clock; PENDING, SOLVED and CLOSED have
 *   nobody waiting.
 * - Before the ticket's first response the first-response target applies, afterwards the
 *   next-response target; both run from `waitingSince` (the member's oldest unanswered
 *   message), in the team's working hours.
 * - No policy for the ticket's priority, or no team (triage): no target.
 */
import { workingHoursSchema, type WorkingDay } from "../teams/schemas";
import type { TicketPriority, TicketStatus } from "../tickets/schemas";
import { addWorkingMinutes } from "./working-hours";

export type SlaKind = "first_response" | "next_response";

export type SlaPolicyTargets = { priority: TicketPriority; firstResponseMinutes: number; nextResponseMinutes: number };

export type SlaTeamCalendar = { timeZone: string; hours: readonly WorkingDay[]; policies: readonly SlaPolicyTargets[] };

export type SlaTicket = { status: TicketStatus; priority: TicketPriority; waitingSince: Date | null; firstResponseAt: Date | null };

export type SlaDue = { kind: SlaKind; minutes: number; dueAt: Date };

const clockStatuses: ReadonlySet<TicketStatus> = new Set(["NEW", "OPEN"]);

export function computeSlaDue(ticket: SlaTicket, calendar: SlaTeamCalendar | undefined): SlaDue | null {
  if (!calendar || !ticket.waitingSince || !clockStatuses.has(ticket.status)) return null;
  const policy = calendar.policies.find((p) => p.priority === ticket.priority);
  if (!policy) return null;
  const kind: SlaKind = ticket.firstResponseAt ? "next_response" : "first_response";
  const minutes = kind === "first_response" ? policy.firstResponseMinutes : policy.nextResponseMinutes;
  return { kind, minutes, dueAt: addWorkingMinutes(ticket.waitingSince, minutes, calendar.hours, calendar.timeZone) };
}

/** Team.hours is JSON in the database: read it through the same schema the admin form writes with. */
export function parseTeamHours(value: unknown): WorkingDay[] {
  const parsed = workingHoursSchema.safeParse(value);
  return parsed.success ? parsed.data : [];
}
