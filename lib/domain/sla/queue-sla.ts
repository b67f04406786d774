/**
 * The response target of each ticket on a queue page, computed in the app from fields the
 * queue already loads (status, priority, waitingSince, firstResponseAt) and the teams'
 * calendars — one small query per page, nothing added to the queue's own SQL.
 */
import type { PrismaClient } from "../../db/generated/client";
import type { TicketPriority, TicketStatus } from "../tickets/schemas";
import { loadSlaCalendars } from "./load-sla-calendars";
import type { QueueSla } from "./schemas";
import { computeSlaDue } from "./sla-due";

type Row = { id: string; teamId: string | null; status: TicketStatus; priority: TicketPriority; waitingSince: Date | null; firstResponseAt: Date | null };

export async function queueSlaFor(db: PrismaClient, tickets: Row[]): Promise<Map<string, QueueSla>> {
  const waiting = tickets.filter((t) => t.teamId && t.waitingSince && (t.status === "NEW" || t.status === "OPEN"));
  const out = new Map<string, QueueSla>();
  if (waiting.length === 0) return out;
  const calendars = await loadSlaCalendars(db, waiting.map((t) => t.teamId!));
  for (const t of waiting) {
    const due = computeSlaDue(t, calendars.get(t.teamId!));
    if (due) out.set(t.id, { kind: due.kind, dueAt: due.dueAt.toISOString() });
  }
  return out;
}
