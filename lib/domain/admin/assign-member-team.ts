import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { Prisma, TicketEventType, type PrismaClient } from "../../db/generated/client";
import { AppError } from "../../errors";
import { authorize } from "../audit/authorize";
import { auditRowData } from "../audit/audit-row-data";
import { isRecordNotFound } from "../messages/prisma-errors";
import { outboxEventData } from "../outbox/outbox-event";
import { uuid7 } from "../shared/uuid7";
import { activeTicket, movableThreadsWhere, parseUserId, personNotFound } from "./admin-person";
import { assignMemberTeamSchema, type AssignMemberTeamInput, type MemberTeamChange } from "./schemas";

const maxAttempts = 3;

type Member = { id: string; fromTeamId: string | null };
type Target = { teamId: string; queueId: string };

/**
 * Gives a member a (new) concierge team (PUT /api/v1/admin/members/{id}/team).
 *
 * The member's open work follows them: every conversation of theirs owned by the old
 * concierge team (or sitting in triage, when they had none) that still has an active
 * ticket moves to the new team, and that ticket to the new team's queue — unassigned,
 * since the old assignee no longer reaches it — with QUEUE_CHANGED (old → new queue id)
 * and ASSIGNED (→ nobody) ticket events. Conversations whose tickets are all CLOSED stay
 * with the old team as history; conversations on other teams' channels (virtual primary
 * care, a health center) are not the concierge team's and stay where they are.
 *
 * One batch transaction: profile, threads, tickets, events, audit row, outbox events.
 * Every write is guarded by the value read (old team, ticket status and queue); when the
 * member writes meanwhile, the batch rolls back and is planned again on fresh state.
 */
export async function assignMemberTeam(actor: Actor, memberId: string, input: AssignMemberTeamInput): Promise<MemberTeamChange> {
  await authorize(actor, "user.manage", { recordType: "member", recordId: memberId.slice(0, 64) }, { denyAs: "NOT_FOUND" });
  const { teamId } = assignMemberTeamSchema.parse(input);
  const db = await getDb();
  const id = parseUserId(memberId);
  const row = id ? await db.user.findFirst({ where: { id, role: "MEMBER" }, select: { id: true, memberProfile: { select: { teamId: true } } } }) : null;
  if (!row?.memberProfile) throw await personNotFound(db, actor, "member.team_assign", memberId);

  const team = await db.team.findUnique({ where: { id: teamId.toLowerCase() }, select: { id: true, kind: true, archivedAt: true, queue: { select: { id: true } } } });
  if (!team || team.kind !== "CONCIERGE" || team.archivedAt || !team.queue) {
    throw new AppError("INVALID_INPUT", "Choose an active concierge team.", [{ path: "teamId", message: "Members belong to a concierge team that is not archived." }]);
  }
  const member: Member = { id: row.id, fromTeamId: row.memberProfile.teamId };
  const target: Target = { teamId: team.id, queueId: team.queue.id };
  if (member.fromTeamId === target.teamId) return { memberId: member.id, fromTeamId: member.fromTeamId, toTeamId: target.teamId, movedThreads: 0, movedTickets: 0 };

  for (let attempt = 1; ; attempt++) {
    try {
      return await moveOnce(db, actor, member, target);
    } catch (error) {
      if (!isRecordNotFound(error)) throw error;
      if (attempt >= maxAttempts) throw new AppError("CONFLICT", "The member's conversations changed while moving them. Try again.");
      // The profile itself moved meanwhile: start again from what it is now.
      const now = await db.memberProfile.findUnique({ where: { userId: member.id }, select: { teamId: true } });
      member.fromTeamId = now?.teamId ?? null;
      if (member.fromTeamId === target.teamId) return { memberId: member.id, fromTeamId: member.fromTeamId, toTeamId: target.teamId, movedThreads: 0, movedTickets: 0 };
    }
  }
}

async function moveOnce(db: PrismaClient, actor: Actor, member: Member, target: Target): Promise<MemberTeamChange> {
  const threads = await db.thread.findMany({
    where: movableThreadsWhere(member.id, member.fromTeamId),
    select: { id: true, tickets: { where: activeTicket, select: { id: true, status: true, priority: true, queueId: true, teamId: true, assigneeId: true } } },
  });
  const tickets = threads.flatMap((t) => t.tickets.map((ticket) => ({ ...ticket, threadId: t.id })));
  const now = new Date();
  const event = (ticketId: string, type: TicketEventType, fromValue: string | null, toValue: string | null): Prisma.TicketEventCreateManyInput => ({
    id: uuid7(now.getTime()),
    ticketId,
    actorId: actor.userId,
    type,
    fromValue,
    toValue,
    createdAt: now,
  });
  const events = tickets.flatMap((t) => [
    event(t.id, TicketEventType.QUEUE_CHANGED, t.queueId, target.queueId),
    ...(t.assigneeId ? [event(t.id, TicketEventType.ASSIGNED, t.assigneeId, null)] : []),
  ]);
  // Each team's consoles hear of it: the new one gains the ticket, the old one loses it.
  const outbox = tickets.flatMap((t) =>
    [target.teamId, ...(t.teamId && t.teamId !== target.teamId ? [t.teamId] : [])].map((teamId) =>
      outboxEventData({
        type: "ticket.updated",
        teamId,
        threadId: t.threadId,
        memberId: null,
        payload: { ticketId: t.id, threadId: t.threadId, status: t.status, priority: t.priority, assigneeId: null, queueId: target.queueId, fromQueueId: t.queueId, changed: "queue" },
      }),
    ),
  );

  await db.$transaction([
    db.memberProfile.update({ where: { userId: member.id, teamId: member.fromTeamId }, data: { teamId: target.teamId }, select: { userId: true } }),
    ...threads.map((t) =>
      db.thread.update({ where: { id: t.id, memberId: member.id, teamId: member.fromTeamId }, data: { teamId: target.teamId }, select: { id: true } }),
    ),
    ...tickets.map((t) =>
      db.ticket.update({
        where: { id: t.id, status: t.status, queueId: t.queueId },
        data: { queueId: target.queueId, teamId: target.teamId, assigneeId: null },
        select: { id: true },
      }),
    ),
    db.ticketEvent.createMany({ data: events }),
    db.outboxEvent.createMany({ data: outbox }),
    db.auditLog.create({
      data: auditRowData(actor, {
        action: "member.team_assign",
        memberId: member.id,
        recordType: "member",
        recordId: member.id,
        details: { fromTeamId: member.fromTeamId, toTeamId: target.teamId, threadIds: threads.map((t) => t.id), ticketIds: tickets.map((t) => t.id) },
      }),
      select: { id: true },
    }),
  ]);
  return { memberId: member.id, fromTeamId: member.fromTeamId, toTeamId: target.teamId, movedThreads: threads.length, movedTickets: tickets.length };
}
