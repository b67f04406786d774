/**
 * ⚠ A system pass without an actor (DESIGN.md §3, "unsafe…"): finds tickets whose response
 * target has passed, records ONE SLA_BREACHED ticket event per breach and alerts the owning
 * team once (SLA_BREACH notifications, and emails per preference). docs/sla.md.
 *
 * "Once" is per waiting period: the event's fromValue is the ticket's waitingSince (ISO), so
 * a breach is recorded once for as long as the member waits; after a reply and a new member
 * message, a new period can breach again. Candidates are read in SQL (open, waiting, past
 * the target in wall time — a lower bound of the working-time due — and no event for this
 * period yet); the exact due time in working hours is computed here with the same function
 * the queue uses. The pass is one transaction under an advisory lock, so two instances never
 * record the same breach.
 */
import { getDb } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { outboxEventData } from "../outbox/outbox-event";
import { uuid7 } from "../shared/uuid7";
import type { TicketPriority, TicketStatus } from "../tickets/schemas";
import { writeNotifications, type NewNotification } from "../notifications/notification-writes";
import { staffOfTeams } from "../notifications/staff-of-teams";
import { loadSlaCalendars } from "./load-sla-calendars";
import { computeSlaDue } from "./sla-due";

/** "sla" in ASCII. */
const LOCK_KEY = Prisma.raw("7564385");

type Candidate = {
  id: string;
  thread_id: string;
  team_id: string;
  status: TicketStatus;
  priority: TicketPriority;
  waiting_since: Date;
  first_response_at: Date | null;
};

export type SweepResult = { busy: boolean; breached: number };

export async function unsafeSweepSlaBreaches(options: { now?: Date; limit?: number } = {}): Promise<SweepResult> {
  const now = options.now ?? new Date();
  const db = await getDb();
  return db.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${LOCK_KEY}) AS locked`;
      if (lock?.locked !== true) return { busy: true, breached: 0 };
      const candidates = await tx.$queryRaw<Candidate[]>`
        SELECT t.id::text AS id, t.thread_id::text AS thread_id, t.team_id::text AS team_id, t.status::text AS status,
               t.priority::text AS priority, t.waiting_since, t.first_response_at
        FROM tickets t
        JOIN sla_policies p ON p.team_id = t.team_id AND p.priority = t.priority
        WHERE t.status IN ('NEW', 'OPEN') AND t.waiting_since IS NOT NULL
          AND t.waiting_since <= ${now}::timestamptz - make_interval(mins => CASE WHEN t.first_response_at IS NULL THEN p.first_response_minutes ELSE p.next_response_minutes END)
          AND NOT EXISTS (
            SELECT 1 FROM ticket_events e
            WHERE e.ticket_id = t.id AND e.type = 'SLA_BREACHED'
              AND e.from_value = to_char(t.waiting_since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
        ORDER BY t.waiting_since
        LIMIT ${options.limit ?? 500}`;
      if (candidates.length === 0) return { busy: false, breached: 0 };
      const calendars = await loadSlaCalendars(tx, candidates.map((c) => c.team_id));
      const breached = candidates.flatMap((c) => {
        const due = computeSlaDue(
          { status: c.status, priority: c.priority, waitingSince: c.waiting_since, firstResponseAt: c.first_response_at },
          calendars.get(c.team_id),
        );
        return due && due.dueAt <= now ? [{ ticket: c, due }] : [];
      });
      if (breached.length === 0) return { busy: false, breached: 0 };

      await tx.ticketEvent.createMany({
        data: breached.map(({ ticket, due }) => ({
          id: uuid7(now.getTime()),
          ticketId: ticket.id,
          actorId: null,
          type: "SLA_BREACHED" as const,
          // The waiting period this breach belongs to (see above), and which target it missed.
          fromValue: ticket.waiting_since.toISOString(),
          toValue: due.kind,
          createdAt: now,
        })),
      });
      await tx.outboxEvent.createMany({
        data: breached.map(({ ticket, due }) =>
          outboxEventData({
            type: "ticket.updated",
            teamId: ticket.team_id,
            threadId: ticket.thread_id,
            memberId: null,
            payload: { ticketId: ticket.id, threadId: ticket.thread_id, status: ticket.status, priority: ticket.priority, changed: "sla", slaBreached: due.kind },
          }),
        ),
      });
      const staff = await staffOfTeams(tx, breached.map((b) => b.ticket.team_id));
      const alerts: NewNotification[] = breached.flatMap(({ ticket }) =>
        (staff.get(ticket.team_id) ?? []).map((userId) => ({ userId, type: "SLA_BREACH" as const, threadId: ticket.thread_id, ticketId: ticket.id })),
      );
      await writeNotifications(tx, alerts, now);
      return { busy: false, breached: breached.length };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}
