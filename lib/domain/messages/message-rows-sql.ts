/**
 * The one read of GET /threads/{id}/messages: the thread checked against the actor's scope,
 * the page of its messages with author and attachments, and for a staff reader on the newest
 * page what "Seen" needs (their read marker, the thread's newest member-visible message).
 * Raw SQL as named prepared statements: through Prisma this was five to seven statements,
 * most of the request's CPU (docs/performance.md, "CPU per request").
 *
 * ⚠ SECURITY: the scope check is on the rows themselves. `scoped` is the thread only if
 * threadScopeSql (threadWhereForActor written as SQL) lets the actor reach it, and the
 * page's thread id is taken from `scoped`: a thread out of scope yields no row at all, not
 * even the thread's. Members get MEMBER messages only, decided by the same role parameter
 * the scope uses.
 */
import type { Actor } from "../../access/actor";
import { threadScopeParams, threadScopeSql } from "../../access/thread-scope-sql";
import type { Cursor } from "../shared/cursor";
import { messageJsonSql, type Json } from "./message-json-sql";
import { messagePageSelect } from "./message-page-sql";
import type { MessageRow } from "./message-view";

// $1 actor id, $2 role, $3 team ids, $4 now (threadScopeParams), $5 thread id, $6 take;
// newest page: $7 whether to load the Seen fields; older page: $7 cursor time, $8 cursor id.
const scope = threadScopeSql("th", { actorId: 1, role: 2, teamIds: 3, now: 4 });

function rowsSql(newest: boolean): string {
  // Seen: only on the newest page, only when asked ($7, staff). The newest member-visible
  // message of the thread is the newest one on this page or before it (the page is the newest).
  const seen = newest
    ? `CASE WHEN $7::boolean THEN (SELECT rs.last_read_at FROM thread_read_states rs WHERE rs.thread_id = th.id AND rs.user_id = $1::uuid) END AS last_read_at,
       CASE WHEN $7::boolean THEN (SELECT mv.created_at FROM messages mv WHERE mv.thread_id = th.id AND mv.visibility = 'MEMBER' ORDER BY mv.created_at DESC LIMIT 1) END AS member_visible_at`
    : `NULL::timestamptz AS last_read_at, NULL::timestamptz AS member_visible_at`;
  const page = messagePageSelect({
    threadId: "(SELECT id FROM scoped)",
    memberOnly: "($2::text = 'MEMBER')",
    take: "$6::int",
    before: newest ? null : { at: "$7::timestamptz", id: "$8::uuid" },
  });
  // One row (none when the thread is out of scope), the page as one JSON value: node-postgres
  // spends several µs of CPU on each row it parses (~0.9 ms for a page of 100 measured here),
  // JSON.parse a fraction of that per message.
  return `
    WITH scoped AS (
      SELECT th.id, th.member_id, th.team_id, ${seen}
        FROM threads th
       WHERE th.id = $5::uuid AND ${scope}
    ),
    page AS (${page})
    SELECT s.member_id, s.team_id, s.last_read_at, s.member_visible_at,
           (SELECT json_agg(${messageJsonSql} ORDER BY p.created_at DESC, p.id DESC)
              FROM page p JOIN users u ON u.id = p.author_id) AS messages
      FROM scoped s`;
}

/** One statement text per shape, each with its constant name (prepared once per connection). */
export const messageRowsStatements = {
  newest: { name: "list-messages-newest", text: rowsSql(true) },
  older: { name: "list-messages-older", text: rowsSql(false) },
} as const;

export type MessageRowsRow = {
  member_id: string;
  team_id: string | null;
  last_read_at: Date | null;
  member_visible_at: Date | null;
  /** Newest first, `take` at most; null when the page is empty. */
  messages: Json<MessageRow>[] | null;
};

/** The statement and its parameters for one page; `seen` only matters on the newest page. */
export function messageRowsQuery(actor: Actor, threadId: string, q: { before: Cursor | null; take: number; seen: boolean; now: Date }) {
  const params: unknown[] = [...threadScopeParams(actor, q.now), threadId, q.take];
  if (!q.before) return { ...messageRowsStatements.newest, params: [...params, q.seen] };
  return { ...messageRowsStatements.older, params: [...params, q.before.at, q.before.id] };
}

// Where GET /threads/{id}/messages has always taken it from.
export { toMessageRow } from "./message-json-sql";
