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
import { isRecordNotFound, isUniqueViolation, messageClientIdKey } from "../messages/prisma-errors";
import type { MessageView } from "../messages/schemas";
import { createOutboxEvent } from "../outbox/outbox-event";
import { uuid7 } from "../shared/uuid7";
import { planMemberMessage } from "../tickets/ticket-state-machine";
import { createThreadSchema, type CreateThreadInput, type ThreadView } from "./schemas";
import { toThreadView } from "./thread-view";

export type CreateThreadResult = { thread: ThreadView; message: MessageView; created: boolean };

/**
 * Where a new thread goes. `fromProfile`: the route was read from the member's profile (her
 * concierge team, or triage without one) — the team id as it was read — so the write can be
 * guarded by it; undefined for another team's channel (or a member without a profile).
 */
type Route = { teamId: string | null; queueId: string; queueKind: "TEAM" | "TRIAGE"; fromProfile?: { teamId: string | null } };

/** A move of the member to another team committed between reading the route and writing: route again. */
const maxRouteAttempts = 3;

/**
 * A member opens a conversation (POST /api/v1/threads): the thread, its first message, a
 * NEW ticket in the owning team's queue (or triage), the ticket's CREATED event, the
 * member's read mark, the audit row and the outbox events — one batch transaction.
 *
 * Idempotent by (member, clientMessageId): a retry, even a concurrent one, returns the
 * original thread and message with created: false.
 *
 * ⚠ SECURITY (minimum necessary): a thread routed from the member's profile must not land with
 * a team she has just been moved away from (admin/assign-member-team.ts). The batch therefore
 * starts with a no-op update of her profile guarded by the team it was routed from: it waits
 * for a move in progress (which locks the profile row first) and, when the move committed,
 * matches nothing (P2025) — the batch rolls back and the thread is routed again.
 */
export async function createThread(actor: Actor, input: CreateThreadInput): Promise<CreateThreadResult> {
  await authorize(actor, "thread.create");
  const q = createThreadSchema.parse(input);
  const db = await getDb();

  const replay = await findOriginal(db, actor, q.clientMessageId);
  if (replay) return replay;

  await checkAttachmentsToSend(db, actor, q.attachmentIds);
  for (let attempt = 1; ; attempt++) {
    const route = await routeNewThread(db, actor, q.teamId);
    try {
      return await writeThread(db, actor, q, route);
    } catch (error) {
      if (isUniqueViolation(error, messageClientIdKey)) {
        // A concurrent request with the same key won the race: answer with its result.
        const original = await findOriginal(db, actor, q.clientMessageId);
        if (original) return original;
        throw new AppError("CONFLICT", "This message was already sent.");
      }
      if (!isRecordNotFound(error) || !route.fromProfile) throw error;
      if (attempt >= maxRouteAttempts) throw new AppError("CONFLICT", "Your care team changed just now. Try again.");
    }
  }
}

/** The thread, its first message and ticket, and all that goes with them: one batch. */
async function writeThread(db: PrismaClient, actor: Actor, q: ReturnType<typeof createThreadSchema.parse>, route: Route): Promise<CreateThreadResult> {
  const now = new Date();
  const threadId = uuid7(now.getTime());
  const messageId = uuid7(now.getTime());
  // The state machine's rule for a member's first message (NEW, waiting from now).
  const plan = planMemberMessage(null, { now, newTicketId: uuid7(now.getTime()) });
  if (plan.kind !== "create") throw new Error("a new thread always creates its ticket");
  const ticket = plan.ticket;

  await db.$transaction([
      // ⚠ First, so it waits for a move of the member in progress (see above). No-op write.
      ...(route.fromProfile
        ? [db.memberProfile.update({ where: { userId: actor.userId, teamId: route.fromProfile.teamId }, data: { teamId: route.fromProfile.teamId }, select: { userId: true } })]
        : []),
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
  let fromProfile: Route["fromProfile"] = profile ? { teamId: profile.team?.id ?? null } : undefined;
  if (requestedTeamId) {
    const requested = service?.team ?? (profile?.team?.id === requestedTeamId ? profile.team : null);
    if (!requested || requested.archivedAt !== null) {
      // ⚠ A team that does not serve this member is "not found", like any other record.
      await recordAudit(db, actor, { action: "thread.create", outcome: "DENIED", memberId: actor.userId, recordType: "team", recordId: requestedTeamId, reason: "team_does_not_serve_member" });
      throw new AppError("NOT_FOUND", "That team is not available to you.");
    }
    // Another team's channel is not routed from the profile (the member's own team asked
    // for by name still is).
    if (requested.id !== profile?.team?.id) fromProfile = undefined;
    team = requested;
  }

  if (team) {
    if (!team.queue) throw new Error("team has no queue");
    return { teamId: team.id, queueId: team.queue.id, queueKind: "TEAM", fromProfile };
  }
  const triage = await db.queue.findFirst({ where: { kind: "TRIAGE" }, orderBy: { createdAt: "asc" }, select: { id: true } });
  if (!triage) throw new Error("no triage queue");
  return { teamId: null, queueId: triage.id, queueKind: "TRIAGE", fromProfile };
}
