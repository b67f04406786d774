/**
 * ⚠ SECURITY: reads the rows that live events announce — the message, the ticket as the
 * queue shows it — WITHOUT a scope, for the realtime relay only (docs/realtime.md, "Views in
 * events"). It runs once per fan-out batch on each instance, whatever the number of
 * connected consoles: ONE statement per batch (the messages, the tickets with their thread's
 * member, subject and assignee, the SLA calendars of their teams), so the server's reads grow
 * with events, never with events × consoles. Raw SQL as a named prepared statement: through
 * Prisma these were several statements per batch on every instance, most of the CPU a
 * live message cost (docs/performance.md, "Console fan-out").
 *
 * Nothing read here reaches a browser unfiltered: lib/realtime/relay.ts hands an event to a
 * receiver only after lib/realtime/routing.ts (canReceive) has let it through, and then only
 * the view of the receiver's audience. The member view is built here only from a message
 * whose stored visibility is MEMBER — never from the event's payload — so an internal note
 * can have no member view at all. Each delivery of a view is audited
 * (lib/realtime/disclosure-log.ts).
 *
 * The views are not stored in the outbox (that table refuses contents, outbox-event.ts):
 * they are read at delivery, so they show the row as it is when the event goes out.
 */
import { getSql } from "../../db/client";
import type { EventViews, LiveQueueRow } from "../../realtime/event-views";
import type { RoutedEvent } from "../../realtime/routing";
import { messageJsonSql, toMessageRow, type Json } from "../messages/message-json-sql";
import { toMessageView, type MessageRow } from "../messages/message-view";
import { queueSlaFrom, slaCalendarsJsonSql, type SlaCalendarRow } from "../sla/queue-sla";
import { toQueuePreview } from "../tickets/queue-preview";
import { toTicketView, type TicketViewRow } from "../tickets/ticket-view";

/** Events whose rows are read for views. */
const messageEvents = new Set(["message.created"]);
// thread.created is followed, in the same transaction, by ticket.created, which carries the row.
const ticketEvents = new Set(["message.created", "ticket.created", "ticket.updated"]);

/** Statements issued by this module, and batches read (tests and the console benchmark count them). */
export const eventViewReads = { queries: 0, batches: 0 };

/** A ticket as the queue shows it, in the shape Prisma gave it (ticketViewSelect, its assignee, its thread's subject and member). */
type TicketRow = TicketViewRow & {
  assignee: { id: string; name: string } | null;
  thread: { subject: string | null; memberId: string; member: { id: string; name: string } };
};

/** TicketRow as the statement's JSON gives it: times as strings. */
type TicketJson = Omit<TicketRow, "createdAt" | "firstResponseAt" | "waitingSince" | "lastActivityAt"> & {
  createdAt: string;
  firstResponseAt: string | null;
  waitingSince: string | null;
  lastActivityAt: string;
};

/**
 * $1 the messages' ids, $2 the tickets' ids (uuid[], either may be empty). One row: the
 * messages as MessageRow's JSON (the text GET /threads/{id}/messages uses), the tickets as
 * TicketRow's JSON, and the calendars of the tickets' teams (queueSlaFrom keeps the ones it
 * needs). Only the rows named: a view is never built from anything the events do not announce.
 */
const viewsSql = `
  SELECT
    (SELECT json_agg(${messageJsonSql})
       FROM messages p JOIN users u ON u.id = p.author_id
      WHERE p.id = ANY($1::uuid[])) AS messages,
    (SELECT json_agg(json_build_object(
              'id', t.id, 'threadId', t.thread_id, 'teamId', t.team_id, 'queueId', t.queue_id, 'status', t.status,
              'priority', t.priority, 'assigneeId', t.assignee_id, 'caseType', t.case_type, 'createdAt', t.created_at,
              'firstResponseAt', t.first_response_at, 'waitingSince', t.waiting_since,
              'lastActivityAt', t.last_activity_at, 'followUpOfId', t.follow_up_of_id,
              'assignee', CASE WHEN a.id IS NULL THEN NULL ELSE json_build_object('id', a.id, 'name', a.name) END,
              'thread', json_build_object('subject', th.subject, 'memberId', th.member_id,
                                          'member', json_build_object('id', mem.id, 'name', mem.name))))
       FROM tickets t
       JOIN threads th ON th.id = t.thread_id
       JOIN users mem ON mem.id = th.member_id
       LEFT JOIN users a ON a.id = t.assignee_id
      WHERE t.id = ANY($2::uuid[])) AS tickets,
    ${slaCalendarsJsonSql("SELECT t.team_id FROM tickets t WHERE t.id = ANY($2::uuid[])")} AS calendars`;

type ViewsRow = { messages: Json<MessageRow>[] | null; tickets: TicketJson[] | null; calendars: SlaCalendarRow[] | null };

function toTicketRow(t: TicketJson): TicketRow {
  return {
    ...t,
    createdAt: new Date(t.createdAt),
    firstResponseAt: t.firstResponseAt === null ? null : new Date(t.firstResponseAt),
    waitingSince: t.waitingSince === null ? null : new Date(t.waitingSince),
    lastActivityAt: new Date(t.lastActivityAt),
  };
}

// Ids as the database writes them (lowercase uuids). The events' ids come from the outbox,
// which only the server writes; anything else could match no row (views are looked up by
// the id as the event gives it) and would only fail the batch's ::uuid[] cast.
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const idOf = (event: RoutedEvent, key: string): string | null => {
  const v = event.payload[key];
  return typeof v === "string" && v.length > 0 ? v : null;
};

/** The same events, each with the views of its audiences (events without a row to show are returned as they were). */
export async function unsafeLoadEventViews(events: RoutedEvent[]): Promise<RoutedEvent[]> {
  const messageIds = new Set<string>();
  const ticketIds = new Set<string>();
  for (const e of events) {
    if (e.seq === null) continue;
    const messageId = messageEvents.has(e.type) ? idOf(e, "messageId") : null;
    const ticketId = ticketEvents.has(e.type) ? idOf(e, "ticketId") : null;
    if (messageId && uuidPattern.test(messageId)) messageIds.add(messageId);
    if (ticketId && uuidPattern.test(ticketId)) ticketIds.add(ticketId);
  }
  if (messageIds.size === 0 && ticketIds.size === 0) return events;
  const sql = await getSql();
  eventViewReads.batches++;
  eventViewReads.queries++;
  const [row] = await sql<ViewsRow>(viewsSql, [[...messageIds], [...ticketIds]], { name: "live-event-views" });
  const messages = (row?.messages ?? []).map(toMessageRow);
  const tickets = (row?.tickets ?? []).map(toTicketRow);
  const sla = queueSlaFrom(tickets, row?.calendars ?? []);
  const messageById = new Map<string, MessageRow>(messages.map((m) => [m.id, m]));
  const ticketById = new Map<string, LiveQueueRow & { memberId: string }>(
    tickets.map((t) => [
      t.id,
      { ...toTicketView(t), member: t.thread.member, subject: t.thread.subject, assignee: t.assignee, sla: sla.get(t.id) ?? null, memberId: t.thread.memberId },
    ]),
  );

  return events.map((e) => {
    const views = viewsOf(e, messageById, ticketById);
    return views ? { ...e, views } : e;
  });
}

function viewsOf(
  event: RoutedEvent,
  messages: Map<string, MessageRow>,
  tickets: Map<string, LiveQueueRow & { memberId: string }>,
): EventViews | null {
  const messageId = messageEvents.has(event.type) ? idOf(event, "messageId") : null;
  const ticketId = ticketEvents.has(event.type) ? idOf(event, "ticketId") : null;
  const announced = messageId ? messages.get(messageId) : undefined;
  // ⚠ The row must belong to the event's thread: a view never shows another thread's row,
  // not as the message, not as the member's view, not as the ticket's preview.
  const row = announced && announced.threadId === event.threadId ? announced : undefined;
  const message = row ? toMessageView(row) : undefined;
  const found = ticketId ? tickets.get(ticketId) : undefined;
  const ticketRow = found && found.threadId === event.threadId ? found : undefined;
  if (!message && !ticketRow) return null;

  let ticket: LiveQueueRow | undefined;
  if (ticketRow) {
    const { memberId, ...queueRow } = ticketRow;
    // The queue previews the member's own latest member-visible message: this one, when it is that.
    const preview = row && row.visibility === "MEMBER" && row.author.id === memberId ? toQueuePreview(row.body) : undefined;
    ticket = preview === undefined ? queueRow : { ...queueRow, preview };
  }
  const views: EventViews = { staff: { ...(message ? { message } : {}), ...(ticket ? { ticket } : {}) } };
  // ⚠ Members: the message only, and only when its STORED visibility is MEMBER.
  if (message && row?.visibility === "MEMBER") views.member = { message };
  return views;
}
