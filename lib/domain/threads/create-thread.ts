import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import type { PrismaClient } from "../../db/generated/client";
import { AppError } from "../../errors";
import { authorize } from "../audit/authorize";
import { recordAudit } from "../audit/record-audit";
import { auditRowData } from "../audit/audit-row-data";
import { checkAttachmentsToSend, sentAttachments, tagAttachments } from "../attachments/attach-to-message";
import { findOwnMessage } from "../messages/find-own-message";
import { toMessageView } from "../messages/message-view";
import { isUniqueViolation, messageClientIdKey } from "../messages/prisma-errors";
import type { MessageView } from "../messages/schemas";
import { createOutboxEvent } from "../outbox/outbox-event";
import { uuid7 } from "../shared/uuid7";
import { planMemberMessage } from "../tickets/ticket-state-machine";
import { createThreadSchema, type CreateThreadInput, type ThreadView } from "./schemas";
import { toThreadView } from "./thread-view";

export type CreateThreadResult = { thread: ThreadView; message: MessageView; created: boolean };

type Route = { teamId: string | null; queueId: string; queueKind: "TEAM" | "TRIAGE" };

/**
 * A member opens a conversation (POST /api/v1/threads): the thread, its first message, a
 * NEW ticket in the owning team's queue (or triage), the ticket's CREATED event, the
 * member's read mark, the audit row and the outbox events — one batch transaction.
 *
 * Idempotent by (member, clientMessageId): a retry, even a concurrent one, returns the
 * original thread and message with created: false.
 */
export async function createThread(actor: Actor, input: CreateThreadInput): Promise<CreateThreadResult> {
  await authorize(actor, "thread.create");
  const q = createThreadSchema.parse(input);
  const db = await getDb();

  const replay = await findOriginal(db, actor, q.clientMessageId);
  if (replay) return replay;

  await checkAttachmentsToSend(db, actor, q.attachmentIds);
  const route = await routeNewThread(db, actor, q.teamId);
  const now = new Date();
  const threadId = uuid7(now.getTime());
  const messageId = uuid7(now.getTime());
  // The state machine's rule for a member's first message (NEW, waiting from now).
  const plan = planMemberMessage(null, { now, newTicketId: uuid7(now.getTime()) });
  if (plan.kind !== "create") throw new Error("a new thread always creates its ticket");
  const ticket = plan.ticket;

  try {
    await db.$transaction([
      db.thread.create({
        data: { id: threadId, memberId: actor.userId, teamId: route.teamId, subject: q.subject ?? null, lastMessageAt: now, lastMemberMessageAt: now, createdAt: now },
        select: { id: true },
      }),
      // Second, so a concurrent duplicate stops here (unique key) before anything else.
      db.message.create({
        data: { id: messageId, threadId, authorId: actor.userId, visibility: "MEMBER", body: q.body, clientMessageId: q.clientMessageId, createdAt: now },
        select: { id: true },
      }),
      db.ticket.create({
        data: { ...ticket, threadId, queueId: route.queueId, teamId: route.teamId, createdAt: now, updatedAt: now },
        select: { id: true },
      }),
      db.ticketEvent.createMany({
        data: plan.events.map((e) => ({ id: uuid7(now.getTime()), ticketId: e.ticketId, actorId: actor.userId, type: e.type, fromValue: e.fromValue, toValue: e.toValue, createdAt: now })),
      }),
      db.threadReadState.create({ data: { threadId, userId: actor.userId, lastReadAt: now }, select: { threadId: true } }),
      tagAttachments(db, actor, q.attachmentIds, { messageId, threadId, ticketId: ticket.id, memberId: actor.userId }),
      db.auditLog.create({
        data: auditRowData(actor, {
          action: "thread.create",
          memberId: actor.userId,
          recordType: "thread",
          recordId: threadId,
          details: { messageId, ticketId: ticket.id, teamId: route.teamId, queue: route.queueKind },
        }),
        select: { id: true },
      }),
      createOutboxEvent(db, { type: "thread.created", teamId: route.teamId, threadId, memberId: actor.userId, payload: { threadId, teamId: route.teamId, ticketId: ticket.id } }),
      createOutboxEvent(db, {
        type: "message.created",
        teamId: route.teamId,
        threadId,
        memberId: actor.userId,
        payload: { messageId, threadId, authorId: actor.userId, authorRole: actor.role, visibility: "member", ticketId: ticket.id },
      }),
      createOutboxEvent(db, {
        type: "ticket.created",
        teamId: route.teamId,
        threadId,
        memberId: actor.userId,
        payload: { ticketId: ticket.id, threadId, queueId: route.queueId, status: ticket.status, followUpOfId: null },
      }),
    ]);
  } catch (error) {
    if (!isUniqueViolation(error, messageClientIdKey)) throw error;
    // A concurrent request with the same key won the race: answer with its result.
    const original = await findOriginal(db, actor, q.clientMessageId);
    if (original) return original;
    throw new AppError("CONFLICT", "This message was already sent.");
  }

  return {
    thread: {
      id: threadId,
      subject: q.subject ?? null,
      memberId: actor.userId,
      teamId: route.teamId,
      lastMessageAt: now.toISOString(),
      ticket: { id: ticket.id, status: ticket.status, assigneeId: null },
    },
    message: {
      id: messageId,
      threadId,
      body: q.body,
      visibility: "member",
      author: { id: actor.userId, name: actor.name, role: actor.role },
      createdAt: now.toISOString(),
      clientMessageId: q.clientMessageId,
      attachments: await sentAttachments(db, messageId, q.attachmentIds),
    },
    created: true,
  };
}

async function findOriginal(db: PrismaClient, actor: Actor, clientMessageId: string): Promise<CreateThreadResult | null> {
  const row = await findOwnMessage(db, actor, clientMessageId);
  if (!row) return null;
  const { thread, ...message } = row;
  return { thread: toThreadView(thread), message: toMessageView(message), created: false };
}

/**
 * DESIGN.md §4 routing: a thread opened on another team's channel goes to that team, if it
 * serves this member (or is the member's own concierge team); otherwise to the member's
 * concierge team; a member without one lands in triage.
 */
async function routeNewThread(db: PrismaClient, actor: Actor, requestedTeamId: string | undefined): Promise<Route> {
  const teamSelect = { select: { id: true, archivedAt: true, queue: { select: { id: true } } } } as const;
  const [profile, service] = await Promise.all([
    db.memberProfile.findUnique({ where: { userId: actor.userId }, select: { team: teamSelect } }),
    requestedTeamId
      ? db.memberServiceTeam.findUnique({ where: { memberId_teamId: { memberId: actor.userId, teamId: requestedTeamId } }, select: { team: teamSelect } })
      : null,
  ]);

  let team = profile?.team?.archivedAt === null ? profile.team : null;
  if (requestedTeamId) {
    const requested = service?.team ?? (profile?.team?.id === requestedTeamId ? profile.team : null);
    if (!requested || requested.archivedAt !== null) {
      // ⚠ A team that does not serve this member is "not found", like any other record.
      await recordAudit(db, actor, { action: "thread.create", outcome: "DENIED", memberId: actor.userId, recordType: "team", recordId: requestedTeamId, reason: "team_does_not_serve_member" });
      throw new AppError("NOT_FOUND", "That team is not available to you.");
    }
    team = requested;
  }

  if (team) {
    if (!team.queue) throw new Error("team has no queue");
    return { teamId: team.id, queueId: team.queue.id, queueKind: "TEAM" };
  }
  const triage = await db.queue.findFirst({ where: { kind: "TRIAGE" }, orderBy: { createdAt: "asc" }, select: { id: true } });
  if (!triage) throw new Error("no triage queue");
  return { teamId: null, queueId: triage.id, queueKind: "TRIAGE" };
}
