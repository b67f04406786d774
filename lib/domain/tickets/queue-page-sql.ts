/**
 * The queue page as ONE statement (listQueueTickets): the page of the actor's team queues in
 * display order, its rows through the thread scope with their previews, the four view
 * counts, the cursor of the next page, the SLA calendars of the teams shown, and the audit
 * row of the read. One round trip and one named prepared statement per shape of the
 * filters: the queue page is the busiest read of the console, and each statement more cost
 * a round trip's CPU on both sides (docs/performance.md, "The queue page").
 *
 * The page is served by the partial index `tickets_queue_open_waiting_idx` (queue_id,
 * waiting_since, last_activity_at, id) WHERE status <> 'CLOSED' AND status <> 'SOLVED': the
 * index holds the open work in display order, so the page is an index scan that stops after
 * LIMIT rows instead of reading and sorting the whole backlog. Two things keep it there:
 *  - the status conditions are literals written in this file (never input). A parameter
 *    cast to the enum goes through a STABLE input function, so PostgreSQL cannot prove at
 *    plan time that the query implies the index's predicate (Prisma sends enums that way,
 *    which is why this is raw SQL);
 *  - one queue (the usual case: one team, and a team has one queue) is an equality on the
 *    leading column, from a scalar subquery on queues.team_id (unique). `= ANY(array)` there
 *    makes PostgreSQL 15 give up the index order and sort; actors of several teams get that.
 *
 * ⚠ SECURITY: the scope. The page only orders candidate tickets of the actor's own team
 * queues; a row is shown only when its thread passes threadScopeSql (threadWhereForActor
 * written as SQL: for staff the owning team, an active collaboration or a running emergency
 * access; no thread at all for other roles). The counts are numbers only, over the actor's
 * queues and threads their teams own (the team branch of the scope, the only one a ticket in
 * the actor's own queue can need; a ticket whose thread another team owns is not counted).
 */
import { createHash } from "node:crypto";
import { threadScopeParams, threadScopeSql } from "../../access/thread-scope-sql";
import type { Actor } from "../../access/actor";
import { auditRowData } from "../audit/audit-row-data";
import { slaCalendarsJsonSql } from "../sla/queue-sla";
import type { QueueCursor } from "./queue-cursor";
import type { queueViews, TicketPriority, TicketStatus } from "./schemas";

export type QueueView = (typeof queueViews)[number];

/** The statuses of the open views: every ticket not SOLVED or CLOSED. */
export const openStatuses = ["NEW", "OPEN", "PENDING", "ON_HOLD"] as const satisfies readonly TicketStatus[];

export type QueueFilter = {
  view: QueueView;
  status?: TicketStatus | undefined;
  /** undefined: anyone; null: nobody; else that user. */
  assigneeId?: string | null | undefined;
  after: QueueCursor | null;
};

/** Positional parameters: `add` returns the placeholder of a new one, with its cast. */
class Params {
  constructor(readonly values: unknown[] = []) {}
  add(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }
}

const displayOrder = `t.waiting_since ASC NULLS LAST, t.last_activity_at ASC, t.id ASC`;

// The index predicate, word for word, so the planner sees at once that it applies. With the
// six ticket states it means exactly the open views' NEW, OPEN, PENDING, ON_HOLD.
const notClosedOrSolved = `t.status <> 'CLOSED' AND t.status <> 'SOLVED'`;

/** The page's conditions on tickets `t` after the queue's own. */
function filterConditions(p: Params, actorId: string, q: QueueFilter): string[] {
  const conditions: string[] = [];
  // Whenever the filter rules CLOSED out, say so literally: that is what lets the planner
  // use the partial index (also for a status filter on the "all" view).
  // The open views say it as the index predicate, and only once: repeating the same
  // condition as an IN list as well makes the planner multiply selectivities, misjudge the
  // row count by 50× and pick a bitmap scan plus sort over the whole backlog.
  if (q.view !== "all") conditions.push(notClosedOrSolved);
  else if (q.status !== undefined && q.status !== "CLOSED") conditions.push(`t.status <> 'CLOSED'`);
  if (q.view === "mine") conditions.push(`t.assignee_id = ${p.add(actorId, "uuid")}`);
  if (q.view === "unassigned") conditions.push(`t.assignee_id IS NULL`);
  // A status value checked against the enum by the schema; sent as a parameter all the same.
  if (q.status !== undefined) conditions.push(`t.status = ${p.add(q.status, `"TicketStatus"`)}`);
  if (q.assigneeId === null) conditions.push(`t.assignee_id IS NULL`);
  else if (q.assigneeId !== undefined) conditions.push(`t.assignee_id = ${p.add(q.assigneeId, "uuid")}`);
  if (q.after) conditions.push(afterCursor(p, q.after));
  return conditions;
}

/** Rows strictly after the cursor in (waiting_since ASC NULLS LAST, last_activity_at, id). */
function afterCursor(p: Params, c: QueueCursor): string {
  const rest = `(t.last_activity_at, t.id) > (${p.add(c.lastActivityAt, "timestamptz")}, ${p.add(c.id, "uuid")})`;
  if (c.waitingSince === null) return `(t.waiting_since IS NULL AND ${rest})`;
  const w = p.add(c.waitingSince, "timestamptz");
  return `(t.waiting_since > ${w} OR t.waiting_since IS NULL OR (t.waiting_since = ${w} AND ${rest}))`;
}

/**
 * The page query alone, for queue ids given (the bench's EXPLAIN of each view,
 * scripts/bench/explain.ts). Its conditions and order are the statement's own.
 */
export function queuePageSql(q: QueueFilter & { queueIds: readonly string[]; actorId: string; take: number }): { text: string; values: unknown[] } {
  const p = new Params();
  const queue = q.queueIds.length === 1 ? `t.queue_id = ${p.add(q.queueIds[0], "uuid")}` : `t.queue_id = ANY(${p.add([...q.queueIds], "uuid[]")})`;
  const conditions = [queue, ...filterConditions(p, q.actorId, q)];
  const text = `SELECT t.id, t.waiting_since AS "waitingSince", t.last_activity_at AS "lastActivityAt" FROM tickets t
   WHERE ${conditions.join(" AND ")} ORDER BY ${displayOrder} LIMIT ${p.add(q.take, "int")}`;
  return { text, values: p.values };
}

export type QueueStatementInput = QueueFilter & {
  actor: Pick<Actor, "userId" | "role" | "teamIds" | "origin">;
  /** Rows shown; one more is read to know whether a next page exists. */
  limit: number;
  now: Date;
};

/**
 * The audit row's values that do not depend on what is shown (actor, action, origin), as
 * auditRowData makes them — made safe there, the one place for it. The statement adds the
 * member and the details.
 */
function auditColumns(p: Params, actor: QueueStatementInput["actor"]): string[] {
  const row = auditRowData(actor, { action: "ticket.list" });
  const text = (value: unknown) => (typeof value === "string" ? value : null);
  return [
    p.add(text(row.actorId), "uuid"),
    p.add(text(row.actorRole), "text"),
    p.add(row.action, "text"),
    `'ALLOWED'::"AuditOutcome"`,
    "x.member_id",
    p.add(text(row.recordType), "text"),
    p.add(text(row.recordId), "text"),
    p.add(text(row.reason), "text"),
    p.add(text(row.ip), "text"),
    p.add(text(row.userAgent), "text"),
    "x.details",
  ];
}

/**
 * The whole page (see the file's header). Parameters $1–$4 are threadScopeSql's (actor,
 * role, team ids, now); $5 the page size; then the filters' and the audit row's. Rows come in
 * page order: one per row shown, each carrying the same head (counts, next cursor,
 * calendars), or a single row with the head alone when none is shown.
 *
 * ⚠ SECURITY: the audit row of this PHI read is written by the statement itself (the
 * `audit` CTE): the same row recordAudit would write after the read — the member when all
 * rows shown are one member's, details { count, memberIds in page order, view } — in the
 * same transaction as the read, so no answer leaves without its row, and without a round
 * trip of its own. list-queue-tickets.integration.test.ts compares it with recordAudit's.
 */
export function queueStatement(q: QueueStatementInput): { name: string; text: string; values: unknown[] } {
  const p = new Params([...threadScopeParams(q.actor, q.now)]);
  const limit = p.add(q.limit, "int");
  // The actor's queues, from their teams ($3). A team has at most one queue (queues.team_id
  // is unique), so one team gives a scalar subquery: the equality the index order needs.
  const oneTeam = q.actor.teamIds.length === 1 ? p.add(q.actor.teamIds[0], "uuid") : null;
  const queue = oneTeam
    ? `t.queue_id = (SELECT q.id FROM queues q WHERE q.team_id = ${oneTeam})`
    : `t.queue_id = ANY(ARRAY(SELECT q.id FROM queues q WHERE q.team_id = ANY($3::uuid[])))`;
  const conditions = [queue, ...filterConditions(p, q.actor.userId, q)];
  const open = `t.status IN (${openStatuses.map((s) => `'${s}'`).join(", ")})`;

  const text = `
WITH page AS (
  SELECT t.id, t.thread_id, t.team_id, t.queue_id, t.status, t.priority, t.assignee_id, t.case_type, t.created_at,
         t.first_response_at, t.waiting_since, t.last_activity_at, t.follow_up_of_id,
         row_number() OVER (ORDER BY ${displayOrder}) AS ord
    FROM tickets t
   WHERE ${conditions.join("\n     AND ")}
   ORDER BY ${displayOrder}
   LIMIT ${limit} + 1
),
-- ⚠ SECURITY: the scope check of every row shown (see the header).
shown AS (
  SELECT p.*, th.subject, th.member_id, mem.name AS member_name, a.name AS assignee_name,
         -- The preview: the member's latest member-visible message (of two in the same
         -- millisecond the later id, ids being time-ordered). No scope of its own: it is the
         -- thread's, which passed the check, and staff read member-visible messages of it.
         -- First at threads.last_member_message_at, the time of that message (the send keeps
         -- it at the newest member message's time): one probe of (thread_id, created_at).
         -- Only when nothing is there (no member message yet, or rows older than the column)
         -- the walk back through the thread; COALESCE runs it only then.
         COALESCE(
           (SELECT m.body FROM messages m
             WHERE m.thread_id = th.id AND m.created_at = th.last_member_message_at
               AND m.author_id = th.member_id AND m.visibility = 'MEMBER'
             ORDER BY m.id DESC
             LIMIT 1),
           (SELECT m.body FROM messages m
             WHERE m.thread_id = th.id AND m.author_id = th.member_id AND m.visibility = 'MEMBER'
             ORDER BY m.created_at DESC, m.id DESC
             LIMIT 1)) AS preview_body
    FROM page p
    JOIN threads th ON th.id = p.thread_id
    JOIN users mem ON mem.id = th.member_id
    LEFT JOIN users a ON a.id = p.assignee_id
   WHERE p.ord <= ${limit} AND ${threadScopeSql("th", { actorId: 1, role: 2, teamIds: 3, now: 4 })}
),
-- The four view totals, without the status/assignee filters (the tabs' badges): index-only
-- scans of tickets (queue_id, thread_id, status, assignee_id) and threads (team_id, id),
-- merged in thread order (migration 20261202070000_queue_count_indexes).
counts AS (
  SELECT count(*) FILTER (WHERE ${open})::int AS open,
         count(*) FILTER (WHERE ${open} AND t.assignee_id = $1::uuid)::int AS mine,
         count(*) FILTER (WHERE ${open} AND t.assignee_id IS NULL)::int AS unassigned,
         count(*)::int AS "all"
    FROM tickets t
    JOIN threads th ON th.id = t.thread_id
   WHERE ${queue} AND ${oneTeam ? `th.team_id = ${oneTeam}` : `th.team_id = ANY($3::uuid[])`}
),
-- Runs whether or not the select below reads it (a data-modifying WITH always does), once.
audit AS (
  INSERT INTO audit_log (actor_id, actor_role, action, outcome, member_id, record_type, record_id, reason, ip, user_agent, details)
  SELECT ${auditColumns(p, q.actor).join(", ")}
    FROM (SELECT CASE WHEN count(DISTINCT s.member_id) = 1 THEN min(s.member_id::text)::uuid END AS member_id,
                 jsonb_build_object('count', count(*),
                                    'memberIds', COALESCE(jsonb_agg(s.member_id ORDER BY s.ord) FILTER (WHERE s.first), '[]'::jsonb),
                                    'view', ${p.add(q.view, "text")}) AS details
            FROM (SELECT member_id, ord, ord = min(ord) OVER (PARTITION BY member_id) AS first FROM shown) s) x
)
SELECT c.open, c.mine, c.unassigned, c."all",
       ${iso("n.waiting_since")} AS next_waiting_since, ${iso("n.last_activity_at")} AS next_last_activity_at, n.id AS next_id,
       ${slaCalendarsJsonSql("SELECT x.team_id FROM shown x")}::text AS calendars,
       s.id, s.thread_id, s.team_id, s.queue_id, s.status, s.priority, s.assignee_id, s.case_type, ${iso("s.created_at")} AS created_at,
       ${iso("s.first_response_at")} AS first_response_at, ${iso("s.waiting_since")} AS waiting_since,
       ${iso("s.last_activity_at")} AS last_activity_at, s.follow_up_of_id,
       s.subject, s.member_id, s.member_name, s.assignee_name, s.preview_body
  FROM counts c
  -- The next page starts after the last row of this one, when there is one more.
  LEFT JOIN page n ON n.ord = ${limit} AND EXISTS (SELECT 1 FROM page x WHERE x.ord > ${limit})
  LEFT JOIN shown s ON true
 ORDER BY s.ord`;
  // The text depends on the filters (a few hundred shapes at most): one prepared statement per shape.
  return { name: `queue-${createHash("sha1").update(text).digest("hex").slice(0, 16)}`, text, values: p.values };
}

/**
 * A timestamp as JavaScript's toISOString writes it (UTC, milliseconds, "Z"), whatever the
 * session's time zone: the answer carries these strings as they come, instead of the driver
 * parsing every timestamp of the page into a Date only for it to be written out again.
 */
function iso(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** One row of queueStatement (timestamps as ISO strings, see iso). The row columns are null on the head-only row. */
export type QueueStatementRow = {
  open: number;
  mine: number;
  unassigned: number;
  all: number;
  next_waiting_since: string | null;
  next_last_activity_at: string | null;
  next_id: string | null;
  /** JSON text (parsed once, not per row). */
  calendars: string;
  id: string | null;
  thread_id: string;
  team_id: string | null;
  queue_id: string;
  status: TicketStatus;
  priority: TicketPriority;
  assignee_id: string | null;
  case_type: string | null;
  created_at: string;
  first_response_at: string | null;
  waiting_since: string | null;
  last_activity_at: string;
  follow_up_of_id: string | null;
  subject: string | null;
  member_id: string;
  member_name: string;
  assignee_name: string | null;
  preview_body: string | null;
};
