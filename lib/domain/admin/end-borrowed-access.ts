/**
 * ⚠ SECURITY: planning the end of a person's borrowed access — active collaborations and
 * running emergency accesses — for administrative changes that take access away
 * (deactivation, a role change, leaving a team). Such rows are not tied to a session or a
 * team membership: left alone they would outlive the change and open the threads again
 * after a reactivation, a change back, or for a role that was never brought in.
 *
 * The rows stay as history: a collaboration gets removedAt/removedById (the admin), an
 * emergency access endedAt (its compliance review is unaffected). Per thread, one audit row
 * (`collaborator.remove` / `emergencyAccess.end`, with the member, so her access report shows
 * it) and, for a collaboration, the `collaborator.removed` outbox event that updates open
 * consoles — all unexecuted, for the caller's batch transaction. The person's own open
 * streams are told by the caller's scope.changed signal in the same batch.
 */
import type { Actor } from "../../access/actor";
import type { Prisma, PrismaClient } from "../../db/generated/client";
import { auditRowData } from "../audit/audit-row-data";
import { createOutboxEvent } from "../outbox/outbox-event";

export type BorrowedAccessCause = "deactivation" | "role_change" | "team_removal";

export type BorrowedAccessEnd = { collaborations: number; emergencyAccesses: number; writes: Prisma.PrismaPromise<unknown>[] };

export async function planBorrowedAccessEnd(
  db: PrismaClient,
  actor: Actor,
  userId: string,
  now: Date,
  cause: BorrowedAccessCause,
  /** Narrows to the threads of one team (leaving that team while keeping others). */
  onTeam?: string,
): Promise<BorrowedAccessEnd> {
  const thread = onTeam ? { thread: { teamId: onTeam } } : {};
  const threadSelect = { threadId: true, thread: { select: { memberId: true, teamId: true } } } as const;
  const [collaborations, emergencies] = await Promise.all([
    db.threadCollaborator.findMany({ where: { userId, removedAt: null, ...thread }, select: { id: true, ...threadSelect } }),
    db.emergencyAccess.findMany({ where: { userId, endedAt: null, expiresAt: { gt: now }, ...thread }, select: { id: true, ...threadSelect } }),
  ]);
  const writes: Prisma.PrismaPromise<unknown>[] = [];
  if (collaborations.length > 0) {
    writes.push(
      db.threadCollaborator.updateMany({ where: { id: { in: collaborations.map((c) => c.id) }, removedAt: null }, data: { removedAt: now, removedById: actor.userId } }),
    );
    for (const c of collaborations) {
      writes.push(
        db.auditLog.create({
          data: auditRowData(actor, {
            action: "collaborator.remove",
            memberId: c.thread.memberId,
            recordType: "thread",
            recordId: c.threadId,
            details: { userId, removedById: actor.userId, collaboratorIds: [c.id], via: cause },
          }),
          select: { id: true },
        }),
        createOutboxEvent(db, {
          type: "collaborator.removed",
          teamId: c.thread.teamId,
          threadId: c.threadId,
          memberId: c.thread.memberId,
          userId,
          payload: { threadId: c.threadId, userId, removedById: actor.userId },
        }),
      );
    }
  }
  if (emergencies.length > 0) {
    writes.push(db.emergencyAccess.updateMany({ where: { id: { in: emergencies.map((e) => e.id) }, endedAt: null }, data: { endedAt: now } }));
    for (const e of emergencies) {
      writes.push(
        db.auditLog.create({
          data: auditRowData(actor, {
            action: "emergencyAccess.end",
            memberId: e.thread.memberId,
            recordType: "thread",
            recordId: e.threadId,
            details: { userId, emergencyAccessId: e.id, endedById: actor.userId, via: cause },
          }),
          select: { id: true },
        }),
      );
    }
  }
  return { collaborations: collaborations.length, emergencyAccesses: emergencies.length, writes };
}
