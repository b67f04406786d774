/**
 * Planning the release of a person's active tickets, for changes that take their access
 * away (deactivation, leaving a team, becoming an admin). A ticket assigned to someone who
 * can no longer open it would wait on nobody, so it goes back to its queue unassigned:
 * one ASSIGNED ticket event (to nobody) and one `ticket.updated` outbox event per ticket,
 * written in the caller's batch transaction. The queue order (last activity) is kept: an
 * administrative change is not activity on the conversation.
 */
import type { Actor } from "../../access/actor";
import type { Prisma, PrismaClient } from "../../db/generated/client";
import { outboxEventData } from "../outbox/outbox-event";
import { uuid7 } from "../shared/uuid7";
import { activeTicket } from "./admin-person";

export type TicketRelease = { count: number; writes: Prisma.PrismaPromise<unknown>[] };

export async function planTicketRelease(
  db: PrismaClient,
  actor: Actor,
  assigneeId: string,
  now: Date,
  /** Narrows which tickets, e.g. `{ teamId }` when leaving one team. */
  where: Prisma.TicketWhereInput = {},
): Promise<TicketRelease> {
  const tickets = await db.ticket.findMany({
    where: { AND: [{ assigneeId, ...activeTicket }, where] },
    select: { id: true, threadId: true, teamId: true, status: true, priority: true },
  });
  if (tickets.length === 0) return { count: 0, writes: [] };
  return {
    count: tickets.length,
    writes: [
      db.ticket.updateMany({ where: { id: { in: tickets.map((t) => t.id) }, assigneeId }, data: { assigneeId: null } }),
      db.ticketEvent.createMany({
        data: tickets.map((t) => ({ id: uuid7(now.getTime()), ticketId: t.id, actorId: actor.userId, type: "ASSIGNED" as const, fromValue: assigneeId, toValue: null, createdAt: now })),
      }),
      db.outboxEvent.createMany({
        data: tickets.map((t) =>
          outboxEventData({
            type: "ticket.updated",
            teamId: t.teamId,
            threadId: t.threadId,
            memberId: null,
            payload: { ticketId: t.id, threadId: t.threadId, status: t.status, priority: t.priority, assigneeId: null, changed: "assigneeId" },
          }),
        ),
      }),
    ],
  };
}
