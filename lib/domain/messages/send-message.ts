import type { Actor } from "../../access/actor";
import { getDb, getSql } from "../../db/client";
import type { Prisma, PrismaClient } from "../../db/generated/client";
import { AppError } from "../../errors";
import { authorize } from "../audit/authorize";
import { recordAudit } from "../audit/record-audit";
import type { OutboxEvent } from "../outbox/outbox-event";
import { uuid7 } from "../shared/uuid7";
import { planTicketForMessage, type MessageKind, type TicketPlan } from "../tickets/ticket-state-machine";
import { checkAttachmentsToSend, sentAttachments, tagAttachments } from "../attachments/attach-to-message";
import {
  assertAllMentionable,
  assertMayBringIn,
  mentionWrites,
  readMentionTargets,
  type MentionTargets,
} from "../collaborators/mention-writes";
import { findOwnMessage, loadOwnMessage } from "./find-own-message";
import { toMessageView } from "./message-view";
import { isUniqueViolation, oneActiveCollaborationKey } from "./prisma-errors";
import { sendMessageSchema, type MessageView, type SendMessageInput } from "./schemas";
import { readSendState, type SendThread } from "./send-state-sql";
import { SendLostRace, sendUniqueViolation, sendWriteParams, sendWriteSql, sendWriteStatementName, type SendWrite } from "./send-write-sql";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";

export type SendMessageResult = { message: MessageView; created: boolean };

type ParsedInput = ReturnType<typeof sendMessageSchema.parse>;

/**
 * Sends a message on a thread (POST /api/v1/threads/{id}/messages) and applies the ticket
 * rules (tickets/ticket-state-machine.ts). One raw statement reads (send-state-sql.ts), the
 * planner decides, and one raw statement writes (send-write-sql.ts): the message, the
 * thread's activity times, the ticket change or follow-up, its events, the sender's read
 * mark, the audit row and the outbox events commit together — two round trips in all
 * (besides the route's rate limit), where the Prisma batch took about fifteen.
 *
 * Concurrency: the write goes ahead only while the thread is in scope and owned by the team
 * that was read, and the ticket still has the status that was read; a follow-up only if no
 * other active ticket appeared meanwhile (unique index). When a guard trips nothing is
 * written and the whole operation runs once more on fresh state. Idempotent by
 * (author, clientMessageId), also for concurrent retries.
 *
 * @mentions (internal notes only, staff only): every mentioned user must be mentionable on
 * the thread (collaborators/mentionable-sql.ts, one indexed query read alongside the
 * thread); whoever cannot reach the thread through a team becomes a collaborator, and
 * everyone mentioned gets a MENTION notification — in the same transaction as the message
 * (writeWithExtras).
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

/**
 * A guard tripped: the ticket's status (or the thread's scope or owner) changed, another
 * follow-up won, or a concurrent mention already made the same person a collaborator (the
 * retry then reads them as collaborating and only notifies).
 */
function isLostRace(error: unknown): boolean {
  return error instanceof SendLostRace || sendUniqueViolation(error) === "ticket" || isUniqueViolation(error, oneActiveCollaborationKey);
}

async function attempt(db: PrismaClient, actor: Actor, threadId: string, q: ParsedInput): Promise<SendMessageResult> {
  // One statement for the scoped thread, its latest ticket and the idempotency probe (two
  // in parallel with mentions). The mentioned users are read by thread id alone; they are
  // used only once the scoped read has found the thread.
  const [state, mentioned] = await Promise.all([readSendState(actor, threadId, q.clientMessageId), readMentionTargets(db, actor, threadId, q.mentions)]);
  if (!state) throw await recordNotFound(db, actor, { action: "message.send", recordType: "thread", recordId: threadId });
  const { thread, latest } = state;
  if (state.sentBefore) return replay(db, actor, threadId, thread.memberId, await loadOwnMessage(db, actor, q.clientMessageId));
  assertAllMentionable(q.mentions, mentioned);
  assertMayBringIn(actor, thread, mentioned);
  await checkAttachmentsToSend(db, actor, q.attachmentIds);

  const now = new Date();
  const internal = q.visibility === "internal";
  const kind: MessageKind = actor.role === "MEMBER" ? "member" : internal ? "internalNote" : "staffReply";
  const plan = planTicketForMessage(latest, kind, { now, newTicketId: uuid7(now.getTime()), ticketStatus: q.ticketStatus });
  const messageId = uuid7(now.getTime());
  const ticketId = plan.kind === "create" ? plan.ticket.id : (latest?.id ?? null);
  const ticketChanged = plan.kind === "update" && Object.keys(plan.set).some((k) => k !== "lastActivityAt");

  const write: SendWrite = {
    actor,
    now,
    thread,
    message: { id: messageId, body: q.body, clientMessageId: q.clientMessageId, visibility: q.visibility, byMember: kind === "member" },
    plan,
    caseType: latest?.caseType ?? null,
    audit: { action: "message.send", memberId: thread.memberId, recordType: "message", recordId: messageId, details: auditDetails(threadId, q.visibility, ticketId, plan, q.mentions) },
    // A follow-up is routed to the team that owns the thread now (issue 9), the one `th` locks.
    outbox: outboxEvents({ actor, thread, messageId, visibility: q.visibility, ticketId, ticketTeamId: thread.teamId, plan, ticketChanged }),
  };

  try {
    if (q.attachmentIds.length === 0 && mentioned.length === 0) await writeAlone(write);
    else await writeWithExtras(db, write, { attachmentIds: q.attachmentIds, mentioned, ticketId });
  } catch (error) {
    if (sendUniqueViolation(error) !== "message") throw error;
    // A concurrent request with the same key won the race: answer with its message.
    return replay(db, actor, threadId, thread.memberId, await findOwnMessage(db, actor, q.clientMessageId));
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

/** The common send: everything in one statement, one round trip. */
async function writeAlone(write: SendWrite): Promise<void> {
  const sql = await getSql();
  const [row] = await sql<{ sent: number }>(sendWriteSql, sendWriteParams(write), { name: sendWriteStatementName });
  if (row?.sent !== 1) throw new SendLostRace();
}

type Extras = { attachmentIds: readonly string[]; mentioned: MentionTargets; ticketId: string | null };

/**
 * A send with files or @mentions (rare): the same statement, then the attachments' tags and
 * the mentions' rows from their own modules, in one interactive transaction — all or
 * nothing, as in one batch. Nothing follows a statement whose guard tripped.
 */
async function writeWithExtras(db: PrismaClient, write: SendWrite, extras: Extras): Promise<void> {
  await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRawUnsafe<{ sent: number }[]>(sendWriteSql, ...sendWriteParams(write));
    if (row?.sent !== 1) throw new SendLostRace();
    // The builders only use model delegates, which the transaction's client has.
    const txDb = tx as unknown as PrismaClient;
    const { actor, thread, now } = write;
    const messageId = write.message.id;
    if (extras.attachmentIds.length > 0) {
      await tagAttachments(txDb, actor, extras.attachmentIds, { messageId, threadId: thread.id, ticketId: extras.ticketId, memberId: thread.memberId });
    }
    for (const op of mentionWrites(txDb, { actor, thread, messageId, ticketId: extras.ticketId, now, targets: extras.mentioned })) await op;
  });
}

type OwnMessage = NonNullable<Awaited<ReturnType<typeof findOwnMessage>>>;

/**
 * The same key again: the original, if it was sent on this thread. Audited as a re-read.
 * Null: the original exists but is out of the actor's scope now.
 */
async function replay(db: PrismaClient, actor: Actor, threadId: string, memberId: string, original: OwnMessage | null): Promise<SendMessageResult> {
  if (!original) throw new AppError("CONFLICT", "This message was already sent.");
  if (original.threadId !== threadId) {
    throw new AppError("CONFLICT", "This clientMessageId was already used for another message.");
  }
  await recordAudit(db, actor, { action: "message.send", memberId, recordType: "message", recordId: original.id, details: { threadId, duplicate: true } });
  const { thread: _thread, ...message } = original;
  return { message: toMessageView(message), created: false };
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
  thread: SendThread;
  messageId: string;
  visibility: "member" | "internal";
  ticketId: string | null;
  ticketTeamId: string | null;
  plan: TicketPlan;
  ticketChanged: boolean;
};

/** message.created always; ticket.created for a follow-up; ticket.updated when more than the activity time changed. */
function outboxEvents(c: OutboxContext): OutboxEvent[] {
  const threadId = c.thread.id;
  const events: OutboxEvent[] = [
    {
      type: "message.created",
      teamId: c.thread.teamId,
      threadId,
      memberId: c.thread.memberId,
      payload: { messageId: c.messageId, threadId, authorId: c.actor.userId, authorRole: c.actor.role, visibility: c.visibility, ticketId: c.ticketId },
    },
  ];
  const routing = { teamId: c.ticketTeamId, threadId, memberId: c.thread.memberId };
  if (c.plan.kind === "create") {
    const t = c.plan.ticket;
    events.push({ ...routing, type: "ticket.created", payload: { ticketId: t.id, threadId, status: t.status, followUpOfId: t.followUpOfId } });
  } else if (c.plan.kind === "update" && c.ticketChanged) {
    const status = c.plan.statusChange?.to ?? c.plan.expectedStatus;
    const previousStatus = c.plan.statusChange?.from ?? c.plan.expectedStatus;
    events.push({ ...routing, type: "ticket.updated", payload: { ticketId: c.plan.ticketId, threadId, status, previousStatus } });
  }
  return events;
}
