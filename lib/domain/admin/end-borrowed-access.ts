/**
 * ⚠ SECURITY: planning the end of a person's borrowed access — active collaborations and
 * running emergency accesses — for administrative changes that take access away
 * (deactivation, a role change, leaving a team). Such rows are not tied to a session or a
 * team membership: left alone they would outlive the change and open the threads again
 * after a reactivation, a change back, or for a role that was never brought in.
 *
 * The rows stay as history: a collaboration gets removedAt/removedById (the admin), an
 * emergency access endedAt (its compliance review is unaffected). Per ended row, one audit row
 * (`collaborator.remove` / `emergencyAccess.end`, with the member, so her access report shows
 * it) and, for a collaboration, the `collaborator.removed` outbox event that updates open
 * consoles — all unexecuted, for the caller's batch transaction. The person's own open
 * streams are told by the caller's scope.changed signal in the same batch.
 *
 * ⚠ SECURITY (review finding 6): the writes are predicates, not lists of ids read before the
 * transaction — one statement per kind that ends every matching row as the batch runs
 * (`UPDATE … RETURNING`) and writes the audit rows and outbox events from exactly the rows it
 * ended (data-modifying CTEs), so a mention or emergency access committed between the
 * planning and the write is ended and audited too. The counts returned are what planning saw,
 * for the caller's summary row; the per-row audit rows are the record.
 */
import type { Actor } from "../../access/actor";
import { Prisma, type PrismaClient } from "../../db/generated/client";
import { auditRowData } from "../audit/audit-row-data";

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
  const [collaborations, emergencyAccesses] = await Promise.all([
    db.threadCollaborator.count({ where: { userId, removedAt: null, ...thread } }),
    db.emergencyAccess.count({ where: { userId, endedAt: null, expiresAt: { gt: now }, ...thread } }),
  ]);
  // The audit columns of the admin (the same mapping as every audit row: auditRowData).
  const who = auditRowData(actor, { action: "x" });
  const actorId = who.actorId ?? null;
  const actorRole = who.actorRole ?? null;
  const ip = who.ip ?? null;
  const userAgent = who.userAgent ?? null;
  const team = onTeam ? Prisma.sql`AND t.team_id = ${onTeam}::uuid` : Prisma.empty;

  const endCollaborations = db.$executeRaw`
    WITH ended AS (
      UPDATE thread_collaborators c
         SET removed_at = ${now}, removed_by_id = ${actor.userId}::uuid
        FROM threads t
       WHERE t.id = c.thread_id AND c.user_id = ${userId}::uuid AND c.removed_at IS NULL ${team}
      RETURNING c.id, c.thread_id, t.member_id, t.team_id
    ), audited AS (
      INSERT INTO audit_log (actor_id, actor_role, action, outcome, member_id, record_type, record_id, ip, user_agent, details)
      SELECT ${actorId}::uuid, ${actorRole}, 'collaborator.remove', 'ALLOWED', e.member_id, 'thread', e.thread_id::text, ${ip}, ${userAgent},
             jsonb_build_object('userId', ${userId}::text, 'removedById', ${actor.userId}::text, 'collaboratorIds', jsonb_build_array(e.id::text), 'via', ${cause}::text)
        FROM ended e
    )
    INSERT INTO outbox_events (type, team_id, thread_id, member_id, user_id, payload)
    SELECT 'collaborator.removed', e.team_id, e.thread_id, NULL, ${userId}::uuid,
           jsonb_build_object('threadId', e.thread_id::text, 'userId', ${userId}::text, 'removedById', ${actor.userId}::text)
      FROM ended e`;

  const endEmergencies = db.$executeRaw`
    WITH ended AS (
      UPDATE emergency_accesses a
         SET ended_at = ${now}
        FROM threads t
       WHERE t.id = a.thread_id AND a.user_id = ${userId}::uuid AND a.ended_at IS NULL AND a.expires_at > ${now} ${team}
      RETURNING a.id, a.thread_id, t.member_id
    )
    INSERT INTO audit_log (actor_id, actor_role, action, outcome, member_id, record_type, record_id, ip, user_agent, details)
    SELECT ${actorId}::uuid, ${actorRole}, 'emergencyAccess.end', 'ALLOWED', e.member_id, 'thread', e.thread_id::text, ${ip}, ${userAgent},
           jsonb_build_object('userId', ${userId}::text, 'emergencyAccessId', e.id::text, 'endedById', ${actor.userId}::text, 'via', ${cause}::text)
      FROM ended e`;

  return { collaborations, emergencyAccesses, writes: [endCollaborations, endEmergencies] };
}
