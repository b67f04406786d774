/**
 * The @mention part of sendMessage (DESIGN.md §4, Collaboration): checking who was
 * mentioned, and the rows a mention writes inside the send's own batch transaction —
 * a collaboration for whoever cannot reach the thread through a team yet (audited
 * `collaborator.add`), and for everyone mentioned a MENTION notification and an outbox event.
 */
import type { Actor } from "../../access/actor";
import { roleLabels } from "../../access/roles";
import type { Prisma, PrismaClient } from "../../db/generated/client";
import { AppError } from "../../errors";
import { auditRowData } from "../audit/audit-row-data";
import { createOutboxEvent } from "../outbox/outbox-event";
import { uuid7 } from "../shared/uuid7";
import { findMentionable, type MentionableRow } from "./mentionable-sql";

/** The mentioned users, as read by the one mentionable query of the send path. */
export type MentionTargets = MentionableRow[];

/**
 * One indexed query: which of `userIds` may be mentioned on the thread, and whether each
 * already reaches it. Runs alongside the send's scoped thread read; its rows are used only
 * once that read has succeeded.
 */
export function readMentionTargets(db: PrismaClient, actor: Actor, threadId: string, userIds: readonly string[]): Promise<MentionTargets> {
  if (userIds.length === 0) return Promise.resolve([]);
  return findMentionable(db, { actorId: actor.userId, actorTeamIds: actor.teamIds, threadId, userIds, limit: userIds.length });
}

/** Every mentioned id must be in the thread's mentionable set; otherwise nothing is sent (422). */
export function assertAllMentionable(userIds: readonly string[], targets: MentionTargets): void {
  const found = new Set(targets.map((t) => t.id));
  const missing = userIds.flatMap((id, index) => (found.has(id) ? [] : [index]));
  if (missing.length === 0) return;
  throw new AppError(
    "INVALID_INPUT",
    "You can only mention staff who may help with this member: colleagues on your teams, staff of the conversation's team, and nurses and physicians of the teams that serve the member.",
    missing.map((index) => ({ path: `mentions.${index}`, message: "This person cannot be mentioned on this conversation." })),
  );
}

/**
 * ⚠ Only the conversation's own team brings someone new in. Anyone else who reaches the thread
 * — a collaborator, or staff under emergency access — may mention only people who already
 * reach it through that team (a notification, no new access); otherwise a 30-minute
 * emergency grant or a removable collaboration could be turned into lasting access for
 * others (and for themselves, mentioned back by a colleague).
 */
export function assertMayBringIn(actor: Actor, thread: { teamId: string | null }, targets: MentionTargets): void {
  const onOwningTeam = thread.teamId !== null && actor.teamIds.includes(thread.teamId);
  if (onOwningTeam) return;
  if (targets.every((t) => t.reachesByTeam)) return;
  throw new AppError("FORBIDDEN", "Only the conversation's own team can bring someone new into it. Ask them to mention the colleague.");
}

/** The mentionable list for an actor outside the owning team: the owning team's staff only. */
export function visibleMentionTargets<T extends { reachesByTeam: boolean }>(actor: Actor, thread: { teamId: string | null }, rows: T[]): T[] {
  const onOwningTeam = thread.teamId !== null && actor.teamIds.includes(thread.teamId);
  return onOwningTeam ? rows : rows.filter((r) => r.reachesByTeam);
}

/**
 * Why a collaborator was added. ⚠ Never the message text: the reason is shown in the
 * sidebar and kept in the audit trail, and notes may carry clinical details.
 */
export function mentionReason(actor: Pick<Actor, "role">): string {
  return `Mentioned in an internal note by a ${roleLabels[actor.role].toLowerCase()}`;
}

export type MentionWriteContext = {
  actor: Actor;
  thread: { id: string; memberId: string; teamId: string | null };
  messageId: string;
  ticketId: string | null;
  now: Date;
  targets: MentionTargets;
};

/** The rows of the mentions, unexecuted, for the send's `$transaction([...])`. */
export function mentionWrites(db: PrismaClient, c: MentionWriteContext): Prisma.PrismaPromise<unknown>[] {
  const ops: Prisma.PrismaPromise<unknown>[] = [];
  const threadId = c.thread.id;
  const reason = mentionReason(c.actor);
  for (const target of c.targets) {
    // Team staff already reach the thread; an active collaborator keeps the one they have.
    // ⚠ One active collaboration per person and thread is a unique index: of two concurrent
    // mentions of the same person one adds the row, the other's batch fails on it and is
    // retried by sendMessage, which then reads them as collaborating.
    const adds = !target.reachesByTeam && !target.collaborating;
    if (adds) {
      const collaboratorId = uuid7(c.now.getTime());
      ops.push(
        db.threadCollaborator.create({
          data: { id: collaboratorId, threadId, userId: target.id, addedById: c.actor.userId, reason, createdAt: c.now },
          select: { id: true },
        }),
        db.auditLog.create({
          data: auditRowData(c.actor, {
            action: "collaborator.add",
            memberId: c.thread.memberId,
            recordType: "thread",
            recordId: threadId,
            reason,
            details: { collaboratorId, userId: target.id, addedById: c.actor.userId, messageId: c.messageId, via: "mention" },
          }),
          select: { id: true },
        }),
      );
    }
    const notificationId = uuid7(c.now.getTime());
    ops.push(
      db.notification.create({
        data: { id: notificationId, userId: target.id, type: "MENTION", threadId, ticketId: c.ticketId, createdAt: c.now },
        select: { id: true },
      }),
      createOutboxEvent(db, {
        type: "mention.created",
        teamId: c.thread.teamId,
        threadId,
        memberId: c.thread.memberId,
        userId: target.id,
        payload: { notificationId, threadId, ticketId: c.ticketId, messageId: c.messageId, mentionedById: c.actor.userId, collaboratorAdded: adds },
      }),
    );
  }
  return ops;
}
