import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { Prisma, TicketEventType, type PrismaClient, type TicketStatus } from "../../db/generated/client";
import { AppError } from "../../errors";
import { authorize } from "../audit/authorize";
import { auditRowData } from "../audit/audit-row-data";
import { isRecordNotFound } from "../messages/prisma-errors";
import { outboxEventData } from "../outbox/outbox-event";
import { uuid7 } from "../shared/uuid7";
import { conciergeThreadsWhere } from "./admin-person";
import { assignMemberTeamSchema, type AssignMemberTeamInput, type MemberTeamChange } from "./schemas";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";

const maxAttempts = 3;

type Member = { id: string; fromTeamId: string | null };
type Target = { teamId: string; queueId: string };

/**
 * Gives a member a (new) concierge team (PUT /api/v1/admin/members/{id}/team).
 *
 * ⚠ SECURITY (minimum necessary): the member's whole concierge-channel history follows
 * them — every conversation of theirs owned by the old concierge team (or sitting in
 * triage, when they had none), closed ones included, moves to the new team. Staff reach
 * a member's threads, context and documents only through the teams that own her threads
 * (lib/access/scopes.ts), so a conversation left behind would keep the former team in her
 * context panel and route her next message there. After the move:
 *  - every ticket of those conversations sits in the new team's queue (invariant: a
 *    ticket's team is its thread's team). Active tickets become unassigned, since the old
 *    assignee no longer reaches them (QUEUE_CHANGED and ASSIGNED → nobody); closed ones
 *    keep their assignee as history (QUEUE_CHANGED only);
 *  - a later message on any of them opens its follow-up in the new team's queue
 *    (send-message.ts routes from the thread's owning team);
 *  - the former team's past work stays in the audit log and the ticket events.
 * Conversations on other teams' channels (virtual primary care, a health center) are not
 * the concierge team's and stay where they are.
 *
 * One transaction: profile, threads, tickets, events, audit row, outbox events. It starts
 * with the profile's update, guarded by the old team: that row lock is what a new
 * conversation routed from the profile waits for (threads/create-thread.ts guards its batch
 * on the same row), so the member's threads are read only after any such conversation has
 * committed, and none can be created with the old team until this one commits (review
 * finding 3). An interactive transaction, for that order of lock then read; an admin
 * operation, off the hot path. Every other write is guarded by the value read (old team and
 * last activity of each thread, status and queue of each active ticket): a message sent
 * meanwhile (which may have opened a follow-up in the old queue) rolls it back, and it is
 * planned again on fresh state. A send that loses the race the other way is guarded in its
 * own write.
 */
export async function assignMemberTeam(actor: Actor, memberId: string, input: AssignMemberTeamInput): Promise<MemberTeamChange> {
  await authorize(actor, "user.manage", { recordType: "member", recordId: memberId }, { denyAs: "NOT_FOUND" });
  const { teamId } = assignMemberTeamSchema.parse(input);
  const db = await getDb();
  const id = parseRecordId(memberId);
  const row = id ? await db.user.findFirst({ where: { id, role: "MEMBER" }, select: { id: true, memberProfile: { select: { teamId: true } } } }) : null;
  if (!row?.memberProfile) throw await recordNotFound(db, actor, { action: "member.team_assign", recordType: "user", recordId: memberId, reason: "not_found" }, "No such person.");

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

type ThreadToMove = {
  id: string;
  lastMessageAt: Date;
  tickets: { id: string; status: TicketStatus; priority: string; queueId: string; teamId: string | null; assigneeId: string | null; createdAt: Date }[];
};

async function moveOnce(db: PrismaClient, actor: Actor, member: Member, target: Target): Promise<MemberTeamChange> {
  return db.$transaction((tx) => moveInTransaction(tx, actor, member, target), { maxWait: 10_000, timeout: 30_000 });
}

async function moveInTransaction(db: Prisma.TransactionClient, actor: Actor, member: Member, target: Target): Promise<MemberTeamChange> {
  // ⚠ First, before reading the threads (see above).
  await db.memberProfile.update({ where: { userId: member.id, teamId: member.fromTeamId }, data: { teamId: target.teamId }, select: { userId: true } });
  const threads: ThreadToMove[] = await db.thread.findMany({
    where: conciergeThreadsWhere(member.id, member.fromTeamId),
    select: {
      id: true,
      lastMessageAt: true,
      tickets: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, status: true, priority: true, queueId: true, teamId: true, assigneeId: true, createdAt: true } },
    },
  });
  const tickets = threads.flatMap((t) => t.tickets.map((ticket) => ({ ...ticket, threadId: t.id })));
  const active = tickets.filter((t) => t.status !== "CLOSED");
  const closed = tickets.filter((t) => t.status === "CLOSED");
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
    ...(t.status !== "CLOSED" && t.assigneeId ? [event(t.id, TicketEventType.ASSIGNED, t.assigneeId, null)] : []),
  ]);
  // Each team's consoles hear of it, once per conversation (its latest ticket): the new team
  // gains it, the old one loses it.
  const outbox = threads.flatMap((thread) => {
    const t = thread.tickets.at(-1);
    if (!t) return [];
    const assigneeId = t.status === "CLOSED" ? t.assigneeId : null;
    return [target.teamId, ...(t.teamId && t.teamId !== target.teamId ? [t.teamId] : [])].map((teamId) =>
      outboxEventData({
        type: "ticket.updated",
        teamId,
        threadId: thread.id,
        memberId: null,
        payload: { ticketId: t.id, threadId: thread.id, status: t.status, priority: t.priority, assigneeId, queueId: target.queueId, fromQueueId: t.queueId, changed: "queue" },
      }),
    );
  });

  const writes = [
    // ⚠ Guarded by the last activity that was read: a message sent since (and a follow-up
    // it may have opened in the old queue) aborts the batch, which is planned again.
    ...threads.map((t) =>
      db.thread.update({
        where: { id: t.id, memberId: member.id, teamId: member.fromTeamId, lastMessageAt: t.lastMessageAt },
        data: { teamId: target.teamId },
        select: { id: true },
      }),
    ),
    ...active.map((t) =>
      db.ticket.update({
        where: { id: t.id, status: t.status, queueId: t.queueId },
        data: { queueId: target.queueId, teamId: target.teamId, assigneeId: null },
        select: { id: true },
      }),
    ),
    // CLOSED is final: these rows cannot change under us, only their queue moves.
    ...(closed.length > 0
      ? [db.ticket.updateMany({ where: { id: { in: closed.map((t) => t.id) }, status: "CLOSED" }, data: { queueId: target.queueId, teamId: target.teamId } })]
      : []),
    db.ticketEvent.createMany({ data: events }),
    db.outboxEvent.createMany({ data: outbox }),
    db.auditLog.create({
      data: auditRowData(actor, {
        action: "member.team_assign",
        memberId: member.id,
        recordType: "member",
        recordId: member.id,
        details: {
          fromTeamId: member.fromTeamId,
          toTeamId: target.teamId,
          threadIds: threads.map((t) => t.id),
          ticketIds: active.map((t) => t.id),
          closedTicketIds: closed.map((t) => t.id),
        },
      }),
      select: { id: true },
    }),
  ];
  for (const write of writes) await write;
  return { memberId: member.id, fromTeamId: member.fromTeamId, toTeamId: target.teamId, movedThreads: threads.length, movedTickets: active.length };
}
