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
 * the scope check: listQueueTickets loads the rows through Prisma with ticketWhereForActor,
 * so a candidate outside the actor's scope is dropped there.
 */
import { Prisma } from "../../db/generated/client";
import type { QueueCursor } from "./queue-cursor";
import type { queueViews, TicketStatus } from "./schemas";

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
