import type { Actor } from "../../access/actor";
import { threadWhereForActor } from "../../access/scopes";
import { getDb } from "../../db/client";
import type { Prisma, PrismaClient } from "../../db/generated/client";
import { AppError } from "../../errors";
import { authorize } from "../audit/authorize";
import { recordAudit } from "../audit/record-audit";
import { createOutboxEvent } from "../outbox/outbox-event";
import { uuid7 } from "../shared/uuid7";
import { planTicketForMessage, type MessageKind, type TicketPlan } from "../tickets/ticket-state-machine";
import { auditRowData } from "../audit/audit-row-data";
import { checkAttachmentsToSend, sentAttachments, tagAttachments } from "../attachments/attach-to-message";
import { assertAllMentionable, assertMayBringIn, mentionWrites, readMentionTargets } from "../collaborators/mention-writes";
import { findOwnMessage } from "./find-own-message";
import { toMessageView } from "./message-view";
import { isRecordNotFound, isUniqueViolation, messageClientIdKey, oneActiveCollaborationKey, oneActiveTicketKey } from "./prisma-errors";
import { sendMessageSchema, type MessageView, type SendMessageInput } from "./schemas";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";

export type SendMessageResult = { message: MessageView; created: boolean };

type ParsedInput = ReturnType<typeof sendMessageSchema.parse>;

/**
 * Sends a message on a thread (POST /api/v1/threads/{id}/messages) and applies the ticket
 * rules (tickets/ticket-state-machine.ts). The message, the thread's activity times, the
 * ticket change or follow-up, its events, the sender's read mark, the audit row and the
 * outbox events commit together in one batch transaction.
 *
 * Concurrency: the ticket is written only if it still has the status that was read, and a
 * follow-up only if no other active ticket appeared meanwhile (unique index); when either
 * guard trips, the whole operation runs once more on fresh state. Idempotent by
 * (author, clientMessageId), also for concurrent retries.
 *
 * @mentions (internal notes only, staff only): every mentioned user must be mentionable on
 * the thread (collaborators/mentionable-sql.ts, one indexed query read alongside the
 * thread); whoever cannot reach the thread through a team becomes a collaborator, and
 * everyone mentioned gets a MENTION notification — all in the same batch.
 */
export async function sendMessage(actor: Actor, threadId: string, input: SendMessageInput): Promise<SendMessageResult> {
  await authorize(actor, "message.send", { recordType: "thread", recordId: threadId }, { denyAs: "NOT_FOUND" });
  const q = sendMessageSchema.parse(input);
  const target = { recordType: "thread", recordId: threadId };
  // ⚠ Internal notes and status changes need their own capabilities (members have neither).
  if (q.visibility === "internal") await authorize(actor, "message.sendInternal", target);
  if (q.ticketStatus !== undefined) await authorize(actor, "ticket.update", target);
  if (q.mentions.length > 0) {
    // ⚠ A mention grants access to the thread: members (and any role without the
    // capability) are refused and the attempt audited.
    await authorize(actor, "collaborator.add", target);
    // Mentions belong to notes: a member-visible reply would show staff names to the member
    // and bring people in through text the member reads.
    if (q.visibility !== "internal") {
      throw new AppError("INVALID_INPUT", "Mention colleagues in an internal note, not in a reply to the member.", [
        { path: "mentions", message: "Mentions are only possible in internal notes." },
      ]);
    }
  }
  const db = await getDb();
  const id = parseRecordId(threadId);
  if (!id) throw await recordNotFound(db, actor, { action: "message.send", recordType: "thread", recordId: threadId });

  // A lost race (the ticket changed between our read and our write) is retried on fresh
  // state a few times with a little jitter; only a thread under sustained concurrent change
  // gives up with CONFLICT, and the client's retry keeps the same clientMessageId.
  for (let round = 1; ; round++) {
    try {
      return await attempt(db, actor, id, q);
    } catch (error) {
      if (!isLostRace(error)) throw error;
      if (round >= maxAttempts) throw new AppError("CONFLICT", "The conversation changed while sending. Try again.");
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * round));
    }
  }
}

const maxAttempts = 4;

async function teamQueueId(db: PrismaClient, teamId: string | null): Promise<string | null> {
  if (!teamId) return null;
  const queue = await db.queue.findUnique({ where: { teamId }, select: { id: true } });
  return queue?.id ?? null;
}

/**
 * A guard tripped: the ticket's status (or the thread's scope or owner) changed, another
 * follow-up won, or a concurrent mention already made the same person a collaborator (the
 * retry then reads them as collaborating and only notifies).
 */
function isLostRace(error: unknown): boolean {
  return isRecordNotFound(error) || isUniqueViolation(error, oneActiveTicketKey) || isUniqueViolation(error, oneActiveCollaborationKey);
}

async function attempt(db: PrismaClient, actor: Actor, threadId: string, q: ParsedInput): Promise<SendMessageResult> {
  // Three indexed reads in parallel (four with mentions). The latest ticket and the
  // mentioned users are read by thread id alone; they are used only once the scoped thread
  // read has succeeded.
  const [thread, latestTickets, original, mentioned] = await Promise.all([
    db.thread.findFirst({
      where: { AND: [{ id: threadId }, threadWhereForActor(actor)] },
      select: { id: true, memberId: true, teamId: true },
    }),
    db.ticket.findMany({
      where: { threadId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 1,
      select: { id: true, status: true, waitingSince: true, firstResponseAt: true, caseType: true },
    }),
    findOwnMessage(db, actor, q.clientMessageId),
    readMentionTargets(db, actor, threadId, q.mentions),
  ]);
  if (!thread) throw await recordNotFound(db, actor, { action: "message.send", recordType: "thread", recordId: threadId });
  if (original) return replay(db, actor, threadId, thread.memberId, original);
  assertAllMentionable(q.mentions, mentioned);
  assertMayBringIn(actor, thread, mentioned);
  await checkAttachmentsToSend(db, actor, q.attachmentIds);

  const now = new Date();
  const internal = q.visibility === "internal";
  const kind: MessageKind = actor.role === "MEMBER" ? "member" : internal ? "internalNote" : "staffReply";
  const latest = latestTickets[0] ?? null;
  const plan = planTicketForMessage(latest, kind, { now, newTicketId: uuid7(now.getTime()), ticketStatus: q.ticketStatus });
  const messageId = uuid7(now.getTime());
  const scope = threadWhereForActor(actor, now);

  const ops: Prisma.PrismaPromise<unknown>[] = [
    // First, so a concurrent duplicate stops here (unique key) before touching anything else.
    db.message.create({
      data: { id: messageId, threadId, authorId: actor.userId, visibility: internal ? "INTERNAL" : "MEMBER", body: q.body, clientMessageId: q.clientMessageId, createdAt: now },
      select: { id: true },
    }),
  ];

  // Internal notes do not move the thread: the member's list must not reorder for
  // something the member cannot see.
  if (!internal) {
    ops.push(
      db.thread.update({
        // ⚠ Guarded by the owning team that was read: a follow-up below is routed from it,
        // so a change of the member's team committed meanwhile (assign-member-team.ts)
        // aborts this batch, which is planned again on fresh state.
        where: { id: threadId, teamId: thread.teamId, AND: [scope] },
        data: { lastMessageAt: now, ...(kind === "member" ? { lastMemberMessageAt: now } : {}) },
        select: { id: true },
      }),
    );
  }

  let ticketId: string | null = latest?.id ?? null;
  let ticketChanged = false;
  if (plan.kind === "update") {
    // ⚠ Members cannot reach tickets (ticketWhereForActor), yet their messages move them:
    // the ticket is scoped through its thread, which the actor reaches.
    ops.push(
      db.ticket.update({
        where: { id: plan.ticketId, status: plan.expectedStatus, thread: scope },
        data: { ...plan.set, updatedAt: now },
        select: { id: true },
      }),
    );
    ticketChanged = Object.keys(plan.set).some((k) => k !== "lastActivityAt");
  } else if (plan.kind === "create") {
    // ⚠ A follow-up goes to the queue of the team that owns the thread NOW, never to the
    // old ticket's queue: after a change of concierge team the old ticket's queue is the
    // former team's (issue 9). A thread in triage (no team) goes to triage. The thread
    // update above guards that owner; a reply that creates a ticket is never an internal
    // note (notes never open tickets), so that guard is always in this batch.
    const queueId = (await teamQueueId(db, thread.teamId)) ?? (await triageQueueId(db));
    ops.push(
      db.ticket.create({
        data: {
          ...plan.ticket,
          threadId,
          queueId,
          teamId: thread.teamId,
          // A follow-up keeps the matter's case type.
          caseType: latest?.caseType ?? null,
          createdAt: now,
          updatedAt: now,
        },
        select: { id: true },
      }),
    );
    ticketId = plan.ticket.id;
  }
  if (plan.events.length > 0) {
    ops.push(
      db.ticketEvent.createMany({
        data: plan.events.map((e) => ({ id: uuid7(now.getTime()), ticketId: e.ticketId, actorId: actor.userId, type: e.type, fromValue: e.fromValue, toValue: e.toValue, createdAt: now })),
      }),
    );
  }

  if (q.attachmentIds.length > 0) {
    ops.push(tagAttachments(db, actor, q.attachmentIds, { messageId, threadId, ticketId, memberId: thread.memberId }));
  }
  if (mentioned.length > 0) {
    ops.push(...mentionWrites(db, { actor, thread, messageId, ticketId, now, targets: mentioned }));
  }

  ops.push(
    db.threadReadState.upsert({
      where: { threadId_userId: { threadId, userId: actor.userId } },
      create: { threadId, userId: actor.userId, lastReadAt: now },
      update: { lastReadAt: now },
      select: { threadId: true },
    }),
    db.auditLog.create({
      data: auditRowData(actor, {
        action: "message.send",
        memberId: thread.memberId,
        recordType: "message",
        recordId: messageId,
        details: auditDetails(threadId, q.visibility, ticketId, plan, q.mentions),
      }),
      select: { id: true },
    }),
    ...outboxEvents(db, { actor, thread, messageId, visibility: q.visibility, ticketId, ticketTeamId: thread.teamId, plan, ticketChanged }),
  );

  try {
    await db.$transaction(ops);
  } catch (error) {
    if (!isUniqueViolation(error, messageClientIdKey)) throw error;
    // A concurrent request with the same key won the race: answer with its message.
    const winner = await findOwnMessage(db, actor, q.clientMessageId);
    if (!winner) throw new AppError("CONFLICT", "This message was already sent.");
    return replay(db, actor, threadId, thread.memberId, winner);
  }

  return {
    message: {
      id: messageId,
      threadId,
      body: q.body,
      visibility: q.visibility,
      author: { id: actor.userId, name: actor.name, role: actor.role },
      createdAt: now.toISOString(),
      clientMessageId: q.clientMessageId,
      attachments: await sentAttachments(db, messageId, q.attachmentIds),
    },
    created: true,
  };
}

type OwnMessage = NonNullable<Awaited<ReturnType<typeof findOwnMessage>>>;

/** The same key again: the original, if it was sent on this thread. Audited as a re-read. */
async function replay(db: PrismaClient, actor: Actor, threadId: string, memberId: string, original: OwnMessage): Promise<SendMessageResult> {
  if (original.threadId !== threadId) {
    throw new AppError("CONFLICT", "This clientMessageId was already used for another message.");
  }
  await recordAudit(db, actor, { action: "message.send", memberId, recordType: "message", recordId: original.id, details: { threadId, duplicate: true } });
  const { thread: _thread, ...message } = original;
  return { message: toMessageView(message), created: false };
}

async function triageQueueId(db: PrismaClient): Promise<string> {
  const triage = await db.queue.findFirst({ where: { kind: "TRIAGE" }, orderBy: { createdAt: "asc" }, select: { id: true } });
  if (!triage) throw new Error("no triage queue");
  return triage.id;
}

function auditDetails(threadId: string, visibility: string, ticketId: string | null, plan: TicketPlan, mentions: string[]): Prisma.InputJsonObject {
  const details: Record<string, string | string[] | null> = { threadId, visibility, ticketId };
  if (mentions.length > 0) details.mentionedUserIds = mentions;
  if (plan.kind === "update" && plan.statusChange) {
    details.fromStatus = plan.statusChange.from;
    details.toStatus = plan.statusChange.to;
  }
  if (plan.kind === "create") {
    details.toStatus = plan.ticket.status;
    details.followUpOfId = plan.ticket.followUpOfId;
  }
  return details;
}

type OutboxContext = {
  actor: Actor;
  thread: { id: string; memberId: string; teamId: string | null };
  messageId: string;
  visibility: "member" | "internal";
  ticketId: string | null;
  ticketTeamId: string | null;
  plan: TicketPlan;
  ticketChanged: boolean;
};

/** message.created always; ticket.created for a follow-up; ticket.updated when more than the activity time changed. */
function outboxEvents(db: PrismaClient, c: OutboxContext): Prisma.PrismaPromise<unknown>[] {
  const threadId = c.thread.id;
  const events = [
    createOutboxEvent(db, {
      type: "message.created",
      teamId: c.thread.teamId,
      threadId,
      memberId: c.thread.memberId,
      payload: { messageId: c.messageId, threadId, authorId: c.actor.userId, authorRole: c.actor.role, visibility: c.visibility, ticketId: c.ticketId },
    }),
  ];
  const routing = { teamId: c.ticketTeamId, threadId, memberId: c.thread.memberId };
  if (c.plan.kind === "create") {
    const t = c.plan.ticket;
    events.push(createOutboxEvent(db, { ...routing, type: "ticket.created", payload: { ticketId: t.id, threadId, status: t.status, followUpOfId: t.followUpOfId } }));
  } else if (c.plan.kind === "update" && c.ticketChanged) {
    const status = c.plan.statusChange?.to ?? c.plan.expectedStatus;
    const previousStatus = c.plan.statusChange?.from ?? c.plan.expectedStatus;
    events.push(createOutboxEvent(db, { ...routing, type: "ticket.updated", payload: { ticketId: c.plan.ticketId, threadId, status, previousStatus } }));
  }
  return events;
}
