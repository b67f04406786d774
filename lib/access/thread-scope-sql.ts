/**
 * ⚠ SECURITY: threadWhereForActor (scopes.ts) written out as SQL, for the hot paths that
 * read and write through raw statements (getSql) instead of Prisma — a thread's messages,
 * the send, the queue's rows. Keep the two in step: thread-scope-sql.integration.test.ts
 * checks that both select exactly the same threads for every kind of actor and every branch
 * (own thread, team, collaboration active or removed, emergency access running, ended or
 * expired, other roles).
 *
 *  - Members reach only their own threads.
 *  - Staff reach threads owned by their teams, threads they actively collaborate on, and
 *    threads under a running emergency access of theirs (not ended, expiring after `now`).
 *  - Everyone else reaches no thread at all (the role test fails closed: an unknown role
 *    matches neither branch).
 *
 * The fragment is a boolean condition on the thread alias `th`, with four parameters at the
 * positions given: the actor's id (uuid), role (text), team ids (uuid[]) and now (timestamptz).
 * Pass their values with threadScopeParams, in that order, at those positions.
 */
import type { Actor } from "./actor";
import { staffRoles } from "./roles";

export type ThreadScopeParamPositions = { actorId: number; role: number; teamIds: number; now: number };

const staffRoleList = staffRoles.map((r) => `'${r}'`).join(", ");

export function threadScopeSql(th: string, p: ThreadScopeParamPositions): string {
  if (!/^[a-z_]+$/.test(th)) throw new Error("threadScopeSql: the alias must be a plain identifier");
  const actor = `$${p.actorId}::uuid`;
  const role = `$${p.role}::text`;
  return `(
    (${role} = 'MEMBER' AND ${th}.member_id = ${actor})
    OR (${role} IN (${staffRoleList}) AND (
      ${th}.team_id = ANY($${p.teamIds}::uuid[])
      OR EXISTS (SELECT 1 FROM thread_collaborators sc WHERE sc.thread_id = ${th}.id AND sc.user_id = ${actor} AND sc.removed_at IS NULL)
      OR EXISTS (SELECT 1 FROM emergency_accesses se WHERE se.thread_id = ${th}.id AND se.user_id = ${actor} AND se.ended_at IS NULL AND se.expires_at > $${p.now}::timestamptz)
    ))
  )`;
}

/** The values for threadScopeSql's four parameters: [actor id, role, team ids, now]. */
export function threadScopeParams(actor: Pick<Actor, "userId" | "role" | "teamIds">, now: Date = new Date()): [string, string, string[], Date] {
  return [actor.userId, actor.role, [...actor.teamIds], now];
}
