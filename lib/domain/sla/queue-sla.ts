/**
 * The response target of each ticket on a queue page, computed in the app from fields the
 * queue already loads (status, priority, waitingSince, firstResponseAt) and the teams'
 * calendars — one small query per page, nothing added to the queue's own SQL.
 */
import { getSql } from "../../db/client";
import type { TicketPriority, TicketStatus } from "../tickets/schemas";
import type { QueueSla } from "./schemas";
import { computeSlaDue, parseTeamHours, type SlaPolicyTargets, type SlaTeamCalendar } from "./sla-due";

type Row = { id: string; teamId: string | null; status: TicketStatus; priority: TicketPriority; waitingSince: Date | null; firstResponseAt: Date | null };

/**
 * The teams' zones, hours and targets in one statement (the same data as loadSlaCalendars,
 * which the breach sweep reads inside its transaction). Raw SQL as a named prepared
 * statement: it runs on every queue page and live queue event, where Prisma's per-statement
 * cost was most of the read (docs/performance.md, "CPU per request").
 */
const calendarsSql = `
  SELECT t.id::text AS id, t.time_zone, t.hours,
         COALESCE((SELECT json_agg(json_build_object('priority', p.priority,
                                                     'firstResponseMinutes', p.first_response_minutes,
                                                     'nextResponseMinutes', p.next_response_minutes))
                     FROM sla_policies p WHERE p.team_id = t.id), '[]'::json) AS policies
    FROM teams t
   WHERE t.id = ANY($1::uuid[])`;

type CalendarRow = { id: string; time_zone: string; hours: unknown; policies: SlaPolicyTargets[] };

export async function queueSlaFor(tickets: Row[]): Promise<Map<string, QueueSla>> {
  const waiting = tickets.filter((t) => t.teamId && t.waitingSince && (t.status === "NEW" || t.status === "OPEN"));
  const out = new Map<string, QueueSla>();
  if (waiting.length === 0) return out;
  const sql = await getSql();
  const teamIds = [...new Set(waiting.map((t) => t.teamId!))];
  const rows = await sql<CalendarRow>(calendarsSql, [teamIds], { name: "queue-sla-calendars" });
  const calendars = new Map<string, SlaTeamCalendar>(rows.map((r) => [r.id, { timeZone: r.time_zone, hours: parseTeamHours(r.hours), policies: r.policies }]));
  for (const t of waiting) {
    const due = computeSlaDue(t, calendars.get(t.teamId!));
    if (due) out.set(t.id, { kind: due.kind, dueAt: due.dueAt.toISOString() });
  }
  return out;
}
