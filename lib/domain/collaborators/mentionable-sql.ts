/**
 * Who may be @mentioned on a thread — one query, shared by the composer's list
 * (GET /threads/{id}/mentionable) and the send path's check, so the two can never disagree.
 *
 * The rule (docs/collaboration.md): active staff (care guides, nurses, physicians) other than
 * the actor who are, through a team that is not archived,
 *  - colleagues in one of the actor's own teams, or
 *  - staff of the thread's owning team (they already reach it; a collaborator can mention them back), or
 *  - nurses and physicians of a team that serves the member: the member's concierge team,
 *    their other serving teams (MemberServiceTeam) and the thread's team.
 * Care guides of other teams are never mentionable: bringing them in is not care the
 * member receives (minimum necessary).
 *
 * Why SQL: the rule spans users, memberships, teams, the thread, the member's serving
 * teams and collaborations; Prisma would need several round trips, and the send path must
 * stay one indexed query (users by primary key, memberships by user, the partial index of
 * active collaborations). Role and status values are literals written here, never input.
 *
 * ⚠ SECURITY: this query is not the thread's scope check. It reads only staff names, roles
 * and teams; callers use its rows only after their own scoped read of the thread succeeded.
 */
import { Prisma, type PrismaClient } from "../../db/generated/client";

export type MentionableQuery = {
  actorId: string;
  actorTeamIds: readonly string[];
  threadId: string;
  /** Exactly these users (the send path's check); otherwise a page ordered by name. */
  userIds?: readonly string[];
  /** Part of the name, case-insensitive (the composer's filter). */
  q?: string | undefined;
  limit: number;
};

export type MentionableRow = {
  id: string;
  name: string;
  role: string;
  teamId: string;
  teamName: string;
  /** A member of the thread's owning team: reaches the thread without a collaboration. */
  reachesByTeam: boolean;
  /** Already an active collaborator on the thread. */
  collaborating: boolean;
};

/** `%`, `_` and `\` typed by a user match themselves, not any text. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function mentionableSql(m: MentionableQuery): Prisma.Sql {
  const teamIds = [...m.actorTeamIds];
  const narrow =
    m.userIds !== undefined
      ? Prisma.sql`AND u.id = ANY(${[...m.userIds]}::uuid[])`
      : m.q
        ? Prisma.sql`AND u.name ILIKE ${likePattern(m.q)} ESCAPE '\\'`
        : Prisma.empty;
  return Prisma.sql`
    WITH th AS (
      SELECT t.member_id, t.team_id FROM threads t WHERE t.id = ${m.threadId}::uuid
    ),
    serving AS (
      SELECT mst.team_id FROM member_service_teams mst JOIN th ON mst.member_id = th.member_id
      UNION SELECT mp.team_id FROM member_profiles mp JOIN th ON mp.user_id = th.member_id WHERE mp.team_id IS NOT NULL
      UNION SELECT th.team_id FROM th WHERE th.team_id IS NOT NULL
    )
    SELECT u.id::text AS "id", u.name AS "name", u.role::text AS "role",
           team.id::text AS "teamId", team.name AS "teamName",
           COALESCE(team.id = (SELECT team_id FROM th), false) AS "reachesByTeam",
           EXISTS (
             SELECT 1 FROM thread_collaborators c
             WHERE c.user_id = u.id AND c.thread_id = ${m.threadId}::uuid AND c.removed_at IS NULL
           ) AS "collaborating"
    FROM users u
    JOIN LATERAL (
      -- The team they are mentionable through; the thread's own team first, so that
      -- "reachesByTeam" holds whenever they belong to it.
      SELECT t.id, t.name
      FROM team_memberships tm
      JOIN teams t ON t.id = tm.team_id AND t.archived_at IS NULL
      WHERE tm.user_id = u.id
        AND (
          tm.team_id = ANY(${teamIds}::uuid[])
          OR tm.team_id = (SELECT team_id FROM th)
          OR (u.role IN ('NURSE', 'PHYSICIAN') AND tm.team_id IN (SELECT team_id FROM serving))
        )
      ORDER BY COALESCE(tm.team_id = (SELECT team_id FROM th), false) DESC,
               (tm.team_id = ANY(${teamIds}::uuid[])) DESC,
               t.name ASC
      LIMIT 1
    ) team ON true
    WHERE u.status = 'ACTIVE'
      AND u.role IN ('CARE_GUIDE', 'NURSE', 'PHYSICIAN')
      AND u.id <> ${m.actorId}::uuid
      -- ⚠ Never an API client's service user: a mention would hand the thread to an outside
      -- system beyond the teams its key was scoped to.
      AND NOT EXISTS (SELECT 1 FROM api_clients a WHERE a.service_user_id = u.id)
      ${narrow}
    ORDER BY u.name ASC, u.id ASC
    LIMIT ${m.limit}`;
}

export function findMentionable(db: Pick<PrismaClient, "$queryRaw">, query: MentionableQuery): Promise<MentionableRow[]> {
  return db.$queryRaw<MentionableRow[]>(mentionableSql(query));
}
