/** The one projection of a ticket row into TicketView (queue items, the ticket sidebar). */
import type { Prisma } from "../../db/generated/client";
import type { TicketView } from "./schemas";

export const ticketViewSelect = {
  id: true,
  threadId: true,
  teamId: true,
  queueId: true,
  status: true,
  priority: true,
  assigneeId: true,
  caseType: true,
  createdAt: true,
  firstResponseAt: true,
  waitingSince: true,
  lastActivityAt: true,
  followUpOfId: true,
} as const satisfies Prisma.TicketSelect;

export type TicketViewRow = Prisma.TicketGetPayload<{ select: typeof ticketViewSelect }>;

export function toTicketView(row: TicketViewRow): TicketView {
  return {
    id: row.id,
    threadId: row.threadId,
    teamId: row.teamId,
    queueId: row.queueId,
    status: row.status,
    priority: row.priority,
    assigneeId: row.assigneeId,
    caseType: row.caseType,
    createdAt: row.createdAt.toISOString(),
    firstResponseAt: row.firstResponseAt?.toISOString() ?? null,
    waitingSince: row.waitingSince?.toISOString() ?? null,
    lastActivityAt: row.lastActivityAt.toISOString(),
    followUpOfId: row.followUpOfId,
  };
}
