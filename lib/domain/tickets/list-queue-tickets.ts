import type { Actor } from "../../access/actor";
import { messageWhereForActor, ticketWhereForActor } from "../../access/scopes";
import { getDb } from "../../db/client";
import { Prisma, type PrismaClient } from "../../db/generated/client";
import { authorize } from "../audit/authorize";
import { queueSlaFor } from "../sla/queue-sla";
import { recordAudit } from "../audit/record-audit";
import { decodeQueueCursor, encodeQueueCursor } from "./queue-cursor";
import { openStatuses, queuePageSql, type QueuePageRow } from "./queue-page-sql";
import { listQueueTicketsSchema, type ListQueueTicketsInput, type QueueCounts, type QueueItem } from "./schemas";
import { ticketViewSelect, toTicketView } from "./ticket-view";

/** How much of the member's latest message the queue shows. */
const PREVIEW_LENGTH = 120;

/**
 * The work queue of the actor's teams, longest-waiting member first (GET /api/v1/tickets).
 *
 * Views: open (NEW, OPEN, PENDING, ON_HOLD), mine (open and mine), unassigned (open and
 * nobody's), all (any status); `status` and `assignee` narrow further. Order: waitingSince
 * ASC NULLS LAST, lastActivityAt ASC, id ASC, with a keyset cursor on those. `counts` are
 * the four views' totals, without the status/assignee filters (the tabs' badges).
 *
 * A fixed number of queries whatever the page size: the queues, the page of ids (SQL, so
 * the open views use the partial index; see queue-page-sql.ts), the rows through the scope
 * filter, the previews (two), the counts, the audit row.
 */
export async function listQueueTickets(
  actor: Actor,
  input: ListQueueTicketsInput = {},
): Promise<{ items: QueueItem[]; nextCursor: string | null; counts: QueueCounts }> {
  await authorize(actor, "ticket.list");
  const q = listQueueTicketsSchema.parse(input);
  const after = decodeQueueCursor(q.cursor);
  const db = await getDb();

  const queues = await db.queue.findMany({ where: { teamId: { in: [...actor.teamIds] } }, select: { id: true } });
  const queueIds = queues.map((x) => x.id);
  const assigneeId = q.assignee === undefined ? undefined : q.assignee === "none" ? null : q.assignee === "me" ? actor.userId : q.assignee.toLowerCase();

  const [page, counts] = await Promise.all([
    db.$queryRaw<QueuePageRow[]>(
      queuePageSql({ queueIds, view: q.view, actorId: actor.userId, status: q.status, assigneeId, after, take: q.limit + 1 }),
    ),
    countViews(db, actor, queueIds),
  ]);
  const pageRows = page.slice(0, q.limit);
  const last = pageRows.at(-1);

  // ⚠ The scope check: the candidates are loaded again through ticketWhereForActor.
  const rows =
    pageRows.length === 0
      ? []
      : await db.ticket.findMany({
          where: { id: { in: pageRows.map((r) => r.id) }, ...ticketWhereForActor(actor) },
          select: {
            ...ticketViewSelect,
            assignee: { select: { id: true, name: true } },
            thread: { select: { subject: true, member: { select: { id: true, name: true } } } },
          },
        });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = pageRows.flatMap((r) => byId.get(r.id) ?? []);
  const [previews, sla] = await Promise.all([
    latestMemberMessages(
      db,
      actor,
      ordered.map((t) => ({ threadId: t.threadId, memberId: t.thread.member.id })),
    ),
    queueSlaFor(db, ordered),
  ]);

  // Which members' tickets were shown, so each member can later see who looked.
  const memberIds = [...new Set(ordered.map((t) => t.thread.member.id))];
  await recordAudit(db, actor, {
    action: "ticket.list",
    memberId: memberIds.length === 1 ? memberIds[0]! : null,
    details: { count: ordered.length, memberIds, view: q.view },
  });

  return {
    items: ordered.map((t) => ({
      ...toTicketView(t),
      member: t.thread.member,
      subject: t.thread.subject,
      preview: previews.get(t.threadId) ?? null,
      assignee: t.assignee,
      sla: sla.get(t.id) ?? null,
    })),
    nextCursor: page.length > q.limit && last ? encodeQueueCursor(last) : null,
    counts,
  };
}

/** The four view totals in one grouped query (rows: status × assignee). */
async function countViews(db: PrismaClient, actor: Actor, queueIds: string[]): Promise<QueueCounts> {
  // ⚠ Numbers only, over the actor's own team queues (queueIds come from actor.teamIds),
  // counting tickets whose thread the actor's teams own — the team branch of the thread
  // scope, the only one a ticket in the actor's own queue can need. The full scope filter
  // (collaborations, emergency access) as Prisma builds it cost most of the queue call
  // (docs/performance.md).
  const open = Prisma.raw(`t.status IN (${openStatuses.map((s) => `'${s}'`).join(", ")})`);
  const [row] = await db.$queryRaw<{ open: bigint; mine: bigint; unassigned: bigint; all: bigint }[]>`
    SELECT count(*) FILTER (WHERE ${open}) AS open,
           count(*) FILTER (WHERE ${open} AND t.assignee_id = ${actor.userId}::uuid) AS mine,
           count(*) FILTER (WHERE ${open} AND t.assignee_id IS NULL) AS unassigned,
           count(*) AS "all"
    FROM tickets t
    JOIN threads th ON th.id = t.thread_id
    WHERE t.queue_id = ANY(${queueIds}::uuid[]) AND th.team_id = ANY(${[...actor.teamIds]}::uuid[])`;
  return {
    open: Number(row?.open ?? 0),
    mine: Number(row?.mine ?? 0),
    unassigned: Number(row?.unassigned ?? 0),
    all: Number(row?.all ?? 0),
  };
}

/**
 * The start of the latest member-visible message written by the thread's member, per
 * thread: one grouped query for the times, one for those messages (never all of them).
 */
async function latestMemberMessages(db: PrismaClient, actor: Actor, threads: { threadId: string; memberId: string }[]): Promise<Map<string, string>> {
  const previews = new Map<string, string>();
  if (threads.length === 0) return previews;
  const memberOf = new Map(threads.map((t) => [t.threadId, t.memberId]));
  const latest = await db.message.groupBy({
    by: ["threadId"],
    where: { ...messageWhereForActor(actor), visibility: "MEMBER", OR: threads.map((t) => ({ threadId: t.threadId, authorId: t.memberId })) },
    _max: { createdAt: true },
  });
  const at = latest.flatMap((l) => (l._max.createdAt ? [{ threadId: l.threadId, createdAt: l._max.createdAt, authorId: memberOf.get(l.threadId)! }] : []));
  if (at.length === 0) return previews;
  const messages = await db.message.findMany({
    where: { ...messageWhereForActor(actor), visibility: "MEMBER", OR: at },
    // Two messages in the same millisecond: the later id (ids are time-ordered) wins.
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { threadId: true, body: true },
  });
  for (const m of messages) {
    if (!previews.has(m.threadId)) previews.set(m.threadId, toPreview(m.body));
  }
  return previews;
}

function toPreview(body: string): string {
  const chars = Array.from(body.replace(/\s+/g, " ").trim());
  return chars.length <= PREVIEW_LENGTH ? chars.join("") : `${chars.slice(0, PREVIEW_LENGTH).join("").trimEnd()}…`;
}
