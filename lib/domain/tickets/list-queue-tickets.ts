import { createHash } from "node:crypto";
import type { Actor } from "../../access/actor";
import { isStaffRole } from "../../access/roles";
import { getDb, getSql, type SqlQuery } from "../../db/client";
import { authorize } from "../audit/authorize";
import { queueSlaFor } from "../sla/queue-sla";
import { recordAudit } from "../audit/record-audit";
import { decodeQueueCursor, encodeQueueCursor } from "./queue-cursor";
import { toQueuePreview } from "./queue-preview";
import { queueCountsSql, queuePageSql, queueRowsSql, type QueueRow, type QueuePageRow } from "./queue-page-sql";
import { listQueueTicketsSchema, type ListQueueTicketsInput, type QueueCounts, type QueueItem } from "./schemas";
import { toTicketView } from "./ticket-view";

/**
 * The work queue of the actor's teams, longest-waiting member first (GET /api/v1/tickets).
 *
 * Views: open (NEW, OPEN, PENDING, ON_HOLD), mine (open and mine), unassigned (open and
 * nobody's), all (any status); `status` and `assignee` narrow further. Order: waitingSince
 * ASC NULLS LAST, lastActivityAt ASC, id ASC, with a keyset cursor on those. `counts` are
 * the four views' totals, without the status/assignee filters (the tabs' badges).
 *
 * A fixed number of statements whatever the page size: the queues, the page of ids and the
 * counts (in parallel), the rows through the scope filter with their previews, the SLA
 * calendars, the audit row. All raw SQL through getSql() as named prepared statements: the
 * same reads through Prisma cost most of the request's CPU (docs/performance.md, "CPU per
 * request"); see queue-page-sql.ts for the statements.
 */
export async function listQueueTickets(
  actor: Actor,
  input: ListQueueTicketsInput = {},
): Promise<{ items: QueueItem[]; nextCursor: string | null; counts: QueueCounts }> {
  await authorize(actor, "ticket.list");
  const q = listQueueTicketsSchema.parse(input);
  const after = decodeQueueCursor(q.cursor);
  const sql = await getSql();
  const teamIds = [...actor.teamIds];

  const queues = await sql<{ id: string }>(`SELECT id::text AS id FROM queues WHERE team_id = ANY($1::uuid[])`, [teamIds], { name: "queue-ids-of-teams" });
  const queueIds = queues.map((x) => x.id);
  const assigneeId = q.assignee === undefined ? undefined : q.assignee === "none" ? null : q.assignee === "me" ? actor.userId : q.assignee.toLowerCase();

  const [page, counts] = await Promise.all([
    runPageQuery(sql, queuePageSql({ queueIds, view: q.view, actorId: actor.userId, status: q.status, assigneeId, after, take: q.limit + 1 })),
    countViews(sql, actor, queueIds),
  ]);
  const pageRows = page.slice(0, q.limit);
  const last = pageRows.at(-1);

  // ⚠ SECURITY: the scope check. The candidates are loaded again through the thread scope
  // of threadWhereForActor (team, active collaboration, running emergency access), written
  // out in queueRowsSql; only staff reach tickets at all (ticketWhereForActor).
  const rows =
    pageRows.length === 0 || !isStaffRole(actor.role)
      ? []
      : await sql<QueueRow>(queueRowsSql, [pageRows.map((r) => r.id), teamIds, actor.userId, new Date()], { name: "queue-rows" });
  const ordered = rows.map(toRowView);
  const sla = await queueSlaFor(ordered);

  // Which members' tickets were shown, so each member can later see who looked.
  const memberIds = [...new Set(ordered.map((t) => t.member.id))];
  await recordAudit(await getDb(), actor, {
    action: "ticket.list",
    memberId: memberIds.length === 1 ? memberIds[0]! : null,
    details: { count: ordered.length, memberIds, view: q.view },
  });

  return {
    items: ordered.map(({ view, member, subject, preview, assignee }) => ({ ...view, member, subject, preview, assignee, sla: sla.get(view.id) ?? null })),
    nextCursor: page.length > q.limit && last ? encodeQueueCursor(last) : null,
    counts,
  };
}

/** The page query's text depends on the filters (a few hundred shapes at most): one prepared statement per shape. */
async function runPageQuery(sql: SqlQuery, query: { text: string; values: unknown[] }): Promise<QueuePageRow[]> {
  const name = `queue-page-${createHash("sha1").update(query.text).digest("hex").slice(0, 16)}`;
  return sql<QueuePageRow>(query.text, query.values, { name });
}

function toRowView(r: QueueRow) {
  const view = toTicketView({
    id: r.id,
    threadId: r.thread_id,
    teamId: r.team_id,
    queueId: r.queue_id,
    status: r.status,
    priority: r.priority,
    assigneeId: r.assignee_id,
    caseType: r.case_type,
    createdAt: r.created_at,
    firstResponseAt: r.first_response_at,
    waitingSince: r.waiting_since,
    lastActivityAt: r.last_activity_at,
    followUpOfId: r.follow_up_of_id,
  });
  return {
    view,
    // For queueSlaFor: the same fields as Date values.
    id: r.id,
    teamId: r.team_id,
    status: r.status,
    priority: r.priority,
    waitingSince: r.waiting_since,
    firstResponseAt: r.first_response_at,
    member: { id: r.member_id, name: r.member_name },
    subject: r.subject,
    preview: r.preview_body === null ? null : toQueuePreview(r.preview_body),
    assignee: r.assignee_id === null ? null : { id: r.assignee_id, name: r.assignee_name! },
  };
}

/** The four view totals in one grouped query (rows: status × assignee). */
async function countViews(sql: SqlQuery, actor: Actor, queueIds: string[]): Promise<QueueCounts> {
  const [row] = await sql<{ open: string; mine: string; unassigned: string; all: string }>(queueCountsSql, [actor.userId, queueIds, [...actor.teamIds]], {
    name: "queue-counts",
  });
  return {
    open: Number(row?.open ?? 0),
    mine: Number(row?.mine ?? 0),
    unassigned: Number(row?.unassigned ?? 0),
    all: Number(row?.all ?? 0),
  };
}
