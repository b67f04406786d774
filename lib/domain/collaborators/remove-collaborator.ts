import type { Actor } from "../../access/actor";
import { threadWhereForActor } from "../../access/scopes";
import { getDb } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors";
import { auditRowData } from "../audit/audit-row-data";
import { authorize } from "../audit/authorize";
import { recordAudit } from "../audit/record-audit";
import { isRecordNotFound } from "../messages/prisma-errors";
import { createOutboxEvent } from "../outbox/outbox-event";
import { canRemoveCollaborators } from "./can-remove-collaborators";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";

const notACollaborator = "This person is not a collaborator on this conversation.";

/**
 * Ends a person's collaboration on a thread (DELETE /api/v1/threads/{id}/collaborators/{userId}).
 * Only staff of the thread's owning team may (403 for others who can open the thread).
 * Sets removedAt/removedById — the row stays as history — with its audit row and outbox
 * event in one batch. Access ends at once: the scope filters only count collaborations
 * whose removedAt is null.
 */
export async function removeCollaborator(actor: Actor, threadId: string, userId: string): Promise<void> {
  const target = { recordType: "thread", recordId: threadId };
  await authorize(actor, "collaborator.remove", target, { denyAs: "NOT_FOUND" });
  const db = await getDb();
  const id = parseRecordId(threadId);
  if (!id) throw await recordNotFound(db, actor, { action: "collaborator.remove", recordType: "thread", recordId: threadId });
  const removedUserId = parseRecordId(userId);

  const now = new Date();
  const scope = threadWhereForActor(actor, now);
  const thread = await db.thread.findFirst({
    where: { AND: [{ id }, scope] },
    select: {
      id: true,
      memberId: true,
      teamId: true,
      // A malformed user id matches nobody (answered like a non-collaborator below).
      collaborators: { where: { removedAt: null, ...(removedUserId ? { userId: removedUserId } : { id: { in: [] } }) }, select: { id: true } },
    },
  });
  if (!thread) throw await recordNotFound(db, actor, { action: "collaborator.remove", recordType: "thread", recordId: id });
  const denied = { action: "collaborator.remove", outcome: "DENIED" as const, memberId: thread.memberId, ...target, recordId: id };
  if (!canRemoveCollaborators(actor, thread.teamId)) {
    await recordAudit(db, actor, { ...denied, reason: "not_owning_team" });
    throw new AppError("FORBIDDEN", "Only staff of the team that owns this conversation can remove collaborators.");
  }
  if (!removedUserId || thread.collaborators.length === 0) {
    await recordAudit(db, actor, { ...denied, reason: "not_a_collaborator", details: { userId: removedUserId } });
    throw new AppError("NOT_FOUND", notACollaborator);
  }

  // ⚠ Guarded like every write: the row must still be active and the thread still the
  // actor's team's; a concurrent change aborts the whole batch.
  const stillOwned: Prisma.ThreadWhereInput = { AND: [scope, { teamId: { in: [...actor.teamIds] } }] };
  const ops: Prisma.PrismaPromise<unknown>[] = thread.collaborators.map((c) =>
    db.threadCollaborator.update({
      where: { id: c.id, removedAt: null, thread: stillOwned },
      data: { removedAt: now, removedById: actor.userId },
      select: { id: true },
    }),
  );
  ops.push(
    db.auditLog.create({
      data: auditRowData(actor, {
        action: "collaborator.remove",
        memberId: thread.memberId,
        recordType: "thread",
        recordId: id,
        details: { userId: removedUserId, removedById: actor.userId, collaboratorIds: thread.collaborators.map((c) => c.id) },
      }),
      select: { id: true },
    }),
    createOutboxEvent(db, {
      type: "collaborator.removed",
      teamId: thread.teamId,
      threadId: id,
      memberId: thread.memberId,
      userId: removedUserId,
      payload: { threadId: id, userId: removedUserId, removedById: actor.userId },
    }),
  );
  try {
    await db.$transaction(ops);
  } catch (error) {
    // Removed (or the thread moved) between our read and our write.
    if (isRecordNotFound(error)) throw new AppError("NOT_FOUND", notACollaborator);
    throw error;
  }
}
