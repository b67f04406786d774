/**
 * The response target of each ticket on a queue page, computed in the app from fields the
 * queue already loads (status, priority, waitingSince, firstResponseAt) and the teams'
 * calendars. The queue page reads the calendars inside its own statement
 * (slaCalendarsJsonSql); live event views read them in their own batch statement (unsafe-load-event-views.ts) and shape them with queueSlaFrom.
 */
import { getSql } from "../../db/client";
import type { TicketPriority, TicketStatus } from "../tickets/schemas";
import type { QueueSla } from "./schemas";
import { computeSlaDue, parseTeamHours, type SlaPolicyTargets, type SlaTeamCalendar } from "./sla-due";

/** A ticket's SLA fields; the times as Dates or as ISO strings (the queue page's statement gives strings). */
type Row = { id: string; teamId: string | null; status: TicketStatus; priority: TicketPriority; waitingSince: Date | string | null; firstResponseAt: Date | string | null };

/** One team's calendar as the SQL below gives it. */
export type SlaCalendarRow = { id: string; timeZone: string; hours: unknown; policies: SlaPolicyTargets[] };

/**
 * The calendars of the teams whose ids `teamIdsSql` (a subquery) selects, as one JSON array
 * of SlaCalendarRow — the same data as loadSlaCalendars, which the breach sweep reads inside
 * its transaction. A fragment, so a statement that already has the tickets reads them
 * without a round trip of its own.
 */
export function slaCalendarsJsonSql(teamIdsSql: string): string {
  return `(SELECT COALESCE(json_agg(json_build_object(
            'id', tm.id, 'timeZone', tm.time_zone, 'hours', tm.hours,
            'policies', COALESCE((SELECT json_agg(json_build_object('priority', sp.priority,
                                                                    'firstResponseMinutes', sp.first_response_minutes,
                                                                    'nextResponseMinutes', sp.next_response_minutes))
                                    FROM sla_policies sp WHERE sp.team_id = tm.id), '[]'::json))), '[]'::json)
     FROM teams tm WHERE tm.id IN (${teamIdsSql}))`;
}

/** The calendars of teams $1 (uuid[]): raw SQL as a named prepared statement (it runs on every live queue event). */
const calendarsSql = `SELECT ${slaCalendarsJsonSql("SELECT unnest($1::uuid[])")} AS calendars`;

/** Only tickets a member waits on, with a team, can have a target running (sla-due.ts). */
function waitingOf<T extends Row>(tickets: T[]): T[] {
  return tickets.filter((t) => t.teamId && t.waitingSince && (t.status === "NEW" || t.status === "OPEN"));
}

export async function queueSlaFor(tickets: Row[]): Promise<Map<string, QueueSla>> {
  const waiting = waitingOf(tickets);
  if (waiting.length === 0) return new Map();
  const sql = await getSql();
  const teamIds = [...new Set(waiting.map((t) => t.teamId!))];
  const [row] = await sql<{ calendars: SlaCalendarRow[] }>(calendarsSql, [teamIds], { name: "queue-sla-calendars" });
  return queueSlaFrom(waiting, row?.calendars ?? []);
}

/** The targets of these tickets from calendars already read (at least those of the tickets' teams). */
export function queueSlaFrom(tickets: Row[], calendarRows: readonly SlaCalendarRow[]): Map<string, QueueSla> {
  const out = new Map<string, QueueSla>();
  const waiting = waitingOf(tickets);
  if (waiting.length === 0) return out;
  const calendars = new Map<string, SlaTeamCalendar>(calendarRows.map((r) => [r.id, { timeZone: r.timeZone, hours: parseTeamHours(r.hours), policies: r.policies }]));
  for (const t of waiting) {
    const calendar = calendars.get(t.teamId!);
    if (!calendar || calendar.policies.length === 0) continue; // no target to run (computeSlaDue's answer too)
    const ticket = { status: t.status, priority: t.priority, waitingSince: toDate(t.waitingSince), firstResponseAt: toDate(t.firstResponseAt) };
    const due = computeSlaDue(ticket, calendar);
    if (due) out.set(t.id, { kind: due.kind, dueAt: due.dueAt.toISOString() });
  }
  return out;
}

function toDate(value: Date | string | null): Date | null {
  return value === null || value instanceof Date ? value : new Date(value);
}
