/**
 * Loading a ticket as the sidebar shows it, within the actor's scope, and the answer to a
 * ticket the actor may not reach. Shared by getTicket and updateTicket; neither audits here.
 */
import type { Actor } from "../../access/actor";
import { staffRoles } from "../../access/roles";
import { ticketWhereForActor } from "../../access/scopes";
import type { Prisma, PrismaClient } from "../../db/generated/client";
import { attachmentViewSelect, toAttachmentView } from "../attachments/attachment-view";
import type { TicketDetail } from "./schemas";
import { ticketViewSelect, toTicketView } from "./ticket-view";

/** How many of a ticket's newest events the detail carries. */
export const ticketEventsShown = 100;

const ticketDetailSelect = {
  ...ticketViewSelect,
  assignee: { select: { id: true, name: true } },
  thread: { select: { memberId: true } },
  // Newest last, as the sidebar lists them; ids are time-ordered, so they break ties. Only
  // the newest ones: every reply on a long thread moves the status, and the thread page must
  // not load years of history to open (a negative take is the last N, still in this order).
  events: {
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: -ticketEventsShown,
    select: { id: true, type: true, fromValue: true, toValue: true, createdAt: true, actor: { select: { id: true, name: true } } },
  },
  attachments: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 50, select: attachmentViewSelect },
  // Who may be assigned: active staff of the owning team (none for a triage ticket).
  team: {
    select: {
      memberships: {
        where: { user: { status: "ACTIVE", role: { in: [...staffRoles] } } },
        orderBy: { user: { name: "asc" } },
        select: { user: { select: { id: true, name: true, role: true } } },
      },
    },
  },
} as const satisfies Prisma.TicketSelect;

export type LoadedTicket = {
  detail: TicketDetail;
  /** The member the ticket is about, for the audit row (never shown to anyone here). */
  memberId: string;
};

/** The ticket with its events and assignable staff, or null when it is missing or out of scope. */
export async function loadTicketDetail(db: PrismaClient, actor: Actor, ticketId: string): Promise<LoadedTicket | null> {
  const row = await db.ticket.findFirst({
    where: { id: ticketId, ...ticketWhereForActor(actor) },
    select: ticketDetailSelect,
  });
  if (!row) return null;
  return {
    memberId: row.thread.memberId,
    detail: {
      ...toTicketView(row),
      assignee: row.assignee,
      events: row.events.map((e) => ({
        id: e.id,
        type: e.type,
        actor: e.actor,
        fromValue: e.fromValue,
        toValue: e.toValue,
        createdAt: e.createdAt.toISOString(),
      })),
      assignableStaff: (row.team?.memberships ?? []).map(({ user }) => ({ id: user.id, name: user.name, role: user.role })),
      attachments: row.attachments.map(toAttachmentView),
    },
  };
}

