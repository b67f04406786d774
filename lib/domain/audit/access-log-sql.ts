/**
 * The query behind "Who has seen my messages" (list-my-access-log.ts). Staff accesses to one
 * member's records, grouped: one entry per person, kind of access, conversation and hour —
 * a guide with a conversation open for twenty minutes polls its messages every few seconds,
 * and the member should read "Gabriel Ortiz viewed your conversation, 9:02–9:21", not 240
 * rows. Keyset pagination on (hour, newest row id of the group), newest first.
 *
 * ⚠ SECURITY: `member_id = the member` is the scope: only rows about this member. Rows by
 * the member themselves, by non-staff roles, and denied attempts are left out (a denial
 * showed the caller nothing). The action → kind table is constants of this file, never input.
 */
import { Prisma } from "../../db/generated/client";
import { staffRoles } from "../../access/roles";

export const accessKinds = ["conversation", "emergency_access", "file_viewed", "file_downloaded", "member_details", "documents"] as const;
export type AccessKind = (typeof accessKinds)[number];

/** Which audited actions count as an access the member is told about, and as what. */
export const accessKindOfAction: Record<string, AccessKind> = {
  "thread.read": "conversation",
  "message.list": "conversation",
  "ticket.read": "conversation",
  // Break-the-glass: the member is told it happened (never the staff member's reason).
  "emergencyAccess.grant": "emergency_access",
  "attachment.read": "file_viewed",
  "attachment.viewThumbnail": "file_viewed",
  "attachment.download": "file_downloaded",
  "memberContext.read": "member_details",
  "memberDocuments.list": "documents",
};

export type AccessLogCursor = { hour: string; lastId: string };

export type AccessLogRow = {
  actor_id: string;
  actor_role: string;
  kind: AccessKind;
  thread_id: string | null;
  hour: string;
  first_at: string;
  last_at: string;
  n: number;
  last_id: string;
};

const uuidText = Prisma.raw(`'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'`);
const iso = (column: string) => Prisma.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

export function accessLogSql(memberId: string, after: AccessLogCursor | null, take: number): Prisma.Sql {
  const actions = Object.keys(accessKindOfAction);
  const kindCase = Prisma.join(
    Object.entries(accessKindOfAction).map(([action, kind]) => Prisma.sql`WHEN ${action} THEN ${kind}`),
    " ",
  );
  // The conversation an access belongs to: the thread itself, or the thread of the ticket
  // or file (ids checked as UUIDs before the cast, so an odd record id cannot fail the query).
  const threadOf = Prisma.sql`CASE
      WHEN a.record_type = 'thread' THEN a.record_id
      WHEN a.record_type = 'ticket' AND a.record_id ~ ${uuidText} THEN (SELECT t.thread_id::text FROM tickets t WHERE t.id = a.record_id::uuid)
      WHEN a.record_type = 'attachment' AND a.record_id ~ ${uuidText} THEN (SELECT f.thread_id::text FROM attachments f WHERE f.id = a.record_id::uuid)
    END`;
  const before = after
    ? {
        rows: Prisma.sql`AND a.occurred_at < ${after.hour}::timestamptz + interval '1 hour'`,
        groups: Prisma.sql`WHERE (g.hour, g.last_id) < (${after.hour}::timestamptz, ${after.lastId}::bigint)`,
      }
    : { rows: Prisma.empty, groups: Prisma.empty };

  return Prisma.sql`
    SELECT g.actor_id::text AS actor_id, g.actor_role, g.kind, g.thread_id,
           ${iso("g.hour")} AS hour, ${iso("g.first_at")} AS first_at, ${iso("g.last_at")} AS last_at,
           g.n::int AS n, g.last_id::text AS last_id
    FROM (
      SELECT e.actor_id, e.actor_role, e.kind, e.thread_id, date_trunc('hour', e.occurred_at) AS hour,
             min(e.occurred_at) AS first_at, max(e.occurred_at) AS last_at, count(*) AS n, max(e.id) AS last_id
      FROM (
        SELECT a.id, a.occurred_at, a.actor_id, a.actor_role, CASE a.action ${kindCase} END AS kind, ${threadOf} AS thread_id
        FROM audit_log a
        WHERE a.member_id = ${memberId}::uuid
          AND a.outcome = 'ALLOWED'
          AND a.action = ANY(${actions}::text[])
          AND a.actor_role = ANY(${[...staffRoles]}::text[])
          AND a.actor_id IS NOT NULL AND a.actor_id <> ${memberId}::uuid
          ${before.rows}
      ) e
      GROUP BY e.actor_id, e.actor_role, e.kind, e.thread_id, date_trunc('hour', e.occurred_at)
    ) g
    ${before.groups}
    ORDER BY g.hour DESC, g.last_id DESC
    LIMIT ${take}`;
}
