/**
 * The queue's page query, in SQL so that the partial index `tickets_queue_open_waiting_idx`
 * (queue_id, waiting_since, last_activity_at, id) WHERE status <> 'CLOSED' AND status <>
 * 'SOLVED' can serve it: the index holds the open work in display order, so a page is an
 * index scan that stops after LIMIT rows instead of reading and sorting the whole backlog.
 *
 * Why not Prisma: Prisma sends every enum value as a parameter cast from text
 * (`status <> CAST($1::text AS "TicketStatus")`). That cast goes through a STABLE input
 * function, so PostgreSQL cannot prove at plan time that the query implies the index's
 * predicate, and never uses a partial index on status — even with sequential scans off.
 * Here the status conditions are literals written in this file (never input).
 *
 * ⚠ SECURITY: this query only orders candidate ids of the actor's own queues. It is not
 * the scope check: listQueueTickets loads the rows through queueRowsSql (below), which
 * applies the thread scope, so a candidate outside the actor's scope is dropped there.
 *
 * The page runs through getSql() (Prisma.Sql's `text` and `values`), so the same enum
 * literals reach PostgreSQL as before.
 */
import { Prisma } from "../../db/generated/client";
import type { QueueCursor } from "./queue-cursor";
import type { queueViews, TicketPriority, TicketStatus } from "./schemas";

export type QueueView = (typeof queueViews)[number];

/** The statuses of the open views: every ticket not SOLVED or CLOSED. */
export const openStatuses = ["NEW", "OPEN", "PENDING", "ON_HOLD"] as const satisfies readonly TicketStatus[];

export type QueuePageQuery = {
  queueIds: readonly string[];
  view: QueueView;
  actorId: string;
  status?: TicketStatus | undefined;
  /** undefined: anyone; null: nobody; else that user. */
  assigneeId?: string | null | undefined;
  after: QueueCursor | null;
  take: number;
};

export type QueuePageRow = { id: string; waitingSince: Date | null; lastActivityAt: Date };

const notClosed = Prisma.raw(`t.status <> 'CLOSED'`);
// The index predicate, word for word, so the planner sees at once that it applies. With the
// six ticket states it means exactly the open views' NEW, OPEN, PENDING, ON_HOLD.
const notClosedOrSolved = Prisma.raw(`t.status <> 'CLOSED' AND t.status <> 'SOLVED'`);

export function queuePageSql(q: QueuePageQuery): Prisma.Sql {
  // One queue (the usual case) as an equality: an `= ANY(array)` condition on the leading
  // column would make PostgreSQL 15 give up on the index order and sort.
  const conditions: Prisma.Sql[] = [
    q.queueIds.length === 1 ? Prisma.sql`t.queue_id = ${q.queueIds[0]}::uuid` : Prisma.sql`t.queue_id = ANY(${[...q.queueIds]}::uuid[])`,
  ];
  // Whenever the filter rules CLOSED out, say so literally: that is what lets the planner
  // use the partial index (also for a status filter on the "all" view).
  // The open views say it as the index predicate, and only once: repeating the same
  // condition as an IN list as well makes the planner multiply selectivities, misjudge the
  // row count by 50× and pick a bitmap scan plus sort over the whole backlog.
  if (q.view !== "all") conditions.push(notClosedOrSolved);
  else if (q.status !== undefined && q.status !== "CLOSED") conditions.push(notClosed);
  if (q.view === "mine") conditions.push(Prisma.sql`t.assignee_id = ${q.actorId}::uuid`);
  if (q.view === "unassigned") conditions.push(Prisma.sql`t.assignee_id IS NULL`);
  if (q.status !== undefined) conditions.push(Prisma.sql`t.status = ${q.status}::"TicketStatus"`);
  if (q.assigneeId === null) conditions.push(Prisma.sql`t.assignee_id IS NULL`);
  else if (q.assigneeId !== undefined) conditions.push(Prisma.sql`t.assignee_id = ${q.assigneeId}::uuid`);
  if (q.after) conditions.push(afterCursor(q.after));

  return Prisma.sql`
    SELECT t.id, t.waiting_since AS "waitingSince", t.last_activity_at AS "lastActivityAt"
    FROM tickets t
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY t.waiting_since ASC NULLS LAST, t.last_activity_at ASC, t.id ASC
    LIMIT ${q.take}`;
}

/** Rows strictly after the cursor in (waiting_since ASC NULLS LAST, last_activity_at, id). */
function afterCursor(c: QueueCursor): Prisma.Sql {
  const rest = Prisma.sql`(t.last_activity_at, t.id) > (${c.lastActivityAt}::timestamptz, ${c.id}::uuid)`;
  if (c.waitingSince === null) return Prisma.sql`(t.waiting_since IS NULL AND ${rest})`;
  return Prisma.sql`(t.waiting_since > ${c.waitingSince}::timestamptz OR t.waiting_since IS NULL OR (t.waiting_since = ${c.waitingSince}::timestamptz AND ${rest}))`;
}

/**
 * The four view totals ($1 the actor, $2 the actor's queues, $3 the actor's teams).
 *
 * ⚠ Numbers only, over the actor's own team queues ($2 comes from actor.teamIds), counting
 * tickets whose thread the actor's teams own — the team branch of the thread scope, the only
 * one a ticket in the actor's own queue can need. The full scope filter (collaborations,
 * emergency access) cost most of the queue call (docs/performance.md).
 */
const open = `t.status IN (${openStatuses.map((s) => `'${s}'`).join(", ")})`;
export const queueCountsSql = `
  SELECT count(*) FILTER (WHERE ${open}) AS open,
         count(*) FILTER (WHERE ${open} AND t.assignee_id = $1::uuid) AS mine,
         count(*) FILTER (WHERE ${open} AND t.assignee_id IS NULL) AS unassigned,
         count(*) AS "all"
    FROM tickets t
    JOIN threads th ON th.id = t.thread_id
   WHERE t.queue_id = ANY($2::uuid[]) AND th.team_id = ANY($3::uuid[])`;

/**
 * The page's rows in page order ($1 the page's ticket ids, in order), each with its thread's
 * subject and member, its assignee, and the member's latest member-visible message (the
 * preview; of two in the same millisecond the later id, ids being time-ordered).
 *
 * ⚠ SECURITY: the scope check of the queue, for staff (listQueueTickets never runs it for
 * anyone else). It is threadWhereForActor's staff branch (lib/access/scopes.ts) written out:
 * the thread is owned by one of the actor's teams ($2), or the actor ($3) collaborates on it
 * (not removed), or holds a running emergency access to it (not ended, expiring after $4,
 * now). Keep the two in step; list-queue-tickets.integration.test.ts checks each branch.
 * The preview needs no scope of its own: it is read from the ticket's own thread, which
 * passed the check, and staff may read member-visible messages of such a thread.
 */
export const queueRowsSql = `
  SELECT t.id::text AS id, t.thread_id::text AS thread_id, t.team_id::text AS team_id, t.queue_id::text AS queue_id,
         t.status::text AS status, t.priority::text AS priority, t.assignee_id::text AS assignee_id, t.case_type,
         t.created_at, t.first_response_at, t.waiting_since, t.last_activity_at, t.follow_up_of_id::text AS follow_up_of_id,
         th.subject, mem.id::text AS member_id, mem.name AS member_name, a.name AS assignee_name,
         (SELECT m.body FROM messages m
           WHERE m.thread_id = th.id AND m.author_id = th.member_id AND m.visibility = 'MEMBER'
           ORDER BY m.created_at DESC, m.id DESC
           LIMIT 1) AS preview_body
    FROM unnest($1::uuid[]) WITH ORDINALITY AS p(id, ord)
    JOIN tickets t ON t.id = p.id
    JOIN threads th ON th.id = t.thread_id
    JOIN users mem ON mem.id = th.member_id
    LEFT JOIN users a ON a.id = t.assignee_id
   WHERE th.team_id = ANY($2::uuid[])
      OR EXISTS (SELECT 1 FROM thread_collaborators c WHERE c.thread_id = th.id AND c.user_id = $3::uuid AND c.removed_at IS NULL)
      OR EXISTS (SELECT 1 FROM emergency_accesses e WHERE e.thread_id = th.id AND e.user_id = $3::uuid AND e.ended_at IS NULL AND e.expires_at > $4::timestamptz)
   ORDER BY p.ord`;

export type QueueRow = {
  id: string;
  thread_id: string;
  team_id: string | null;
  queue_id: string;
  status: TicketStatus;
  priority: TicketPriority;
  assignee_id: string | null;
  case_type: string | null;
  created_at: Date;
  first_response_at: Date | null;
  waiting_since: Date | null;
  last_activity_at: Date;
  follow_up_of_id: string | null;
  subject: string | null;
  member_id: string;
  member_name: string;
  assignee_name: string | null;
  preview_body: string | null;
};
