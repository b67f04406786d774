import type { Actor } from "../../access/actor";
import { getSql } from "../../db/client";
import { authorize } from "../audit/authorize";
import { queueSlaFrom, type SlaCalendarRow } from "../sla/queue-sla";
import { decodeQueueCursor, encodeQueueCursor } from "./queue-cursor";
import { toQueuePreview } from "./queue-preview";
import { queueStatement, type QueueStatementRow } from "./queue-page-sql";
import { listQueueTicketsSchema, type ListQueueTicketsInput, type QueueCounts, type QueueItem } from "./schemas";

/**
 * The work queue of the actor's teams, longest-waiting member first (GET /api/v1/tickets).
 *
 * Views: open (NEW, OPEN, PENDING, ON_HOLD), mine (open and mine), unassigned (open and
 * nobody's), all (any status); `status` and `assignee` narrow further. Order: waitingSince
 * ASC NULLS LAST, lastActivityAt ASC, id ASC, with a keyset cursor on those. `counts` are
 * the four views' totals, without the status/assignee filters (the tabs' badges).
 *
 * One statement whatever the page size (queue-page-sql.ts): rows through the scope filter,
 * previews, counts, next cursor, SLA calendars and the audit row, raw SQL through getSql()
 * as a named prepared statement. The same reads through Prisma, or as several statements,
 * cost most of the request's CPU (docs/performance.md, "The queue page").
 */
export async function listQueueTickets(
  actor: Actor,
  input: ListQueueTicketsInput = {},
): Promise<{ items: QueueItem[]; nextCursor: string | null; counts: QueueCounts }> {
  await authorize(actor, "ticket.list");
  const q = listQueueTicketsSchema.parse(input);
  const after = decodeQueueCursor(q.cursor);
  const sql = await getSql();
  const assigneeId = q.assignee === undefined ? undefined : q.assignee === "none" ? null : q.assignee === "me" ? actor.userId : q.assignee.toLowerCase();

  // ⚠ SECURITY: the statement shows only rows whose thread passes threadScopeSql (staff:
  // team, active collaboration, running emergency access; any other role: nothing), and
  // writes the read's audit row — which members' tickets were shown, so each member can
  // later see who looked — in the same statement, before anything is answered.
  const statement = queueStatement({ actor, view: q.view, status: q.status, assigneeId, after, limit: q.limit, now: new Date() });
  const result = await sql<QueueStatementRow>(statement.text, statement.values, { name: statement.name });
  const head = result[0];
  if (!head) throw new Error("listQueueTickets: the statement answered no row");
  const items = result.flatMap((r) => (r.id === null ? [] : [toItem(r, r.id)]));
  if (items.length > 0) {
    const sla = queueSlaFrom(items, JSON.parse(head.calendars) as SlaCalendarRow[]);
    for (const item of items) item.sla = sla.get(item.id) ?? null;
  }

  return {
    items,
    nextCursor:
      head.next_id !== null && head.next_last_activity_at !== null
        ? encodeQueueCursor({ waitingSince: head.next_waiting_since === null ? null : new Date(head.next_waiting_since), lastActivityAt: new Date(head.next_last_activity_at), id: head.next_id })
        : null,
    counts: { open: head.open, mine: head.mine, unassigned: head.unassigned, all: head.all },
  };
}

/**
 * A row as the queue item; its target is set once the calendars are read. The TicketView
 * fields as toTicketView gives them (ticket-view.ts), from the statement's ISO strings.
 */
function toItem(r: QueueStatementRow, id: string): QueueItem {
  return {
    id,
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
    member: { id: r.member_id, name: r.member_name },
    subject: r.subject,
    preview: r.preview_body === null ? null : toQueuePreview(r.preview_body),
    assignee: r.assignee_id === null ? null : { id: r.assignee_id, name: r.assignee_name! },
    sla: null,
  };
}
