/**
 * ⚠ SECURITY: reads the rows that live events announce — the message, the ticket as the
 * queue shows it — WITHOUT a scope, for the realtime relay only (docs/realtime.md, "Views in
 * events"). It runs once per fan-out batch on each instance, whatever the number of
 * connected consoles: a fixed number of queries per batch (messages, tickets, the SLA
 * calendars), so the server's reads grow with events, never with events × consoles.
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
import { getDb } from "../../db/client";
import type { EventViews, LiveQueueRow } from "../../realtime/event-views";
import type { RoutedEvent } from "../../realtime/routing";
import { messageViewSelect, toMessageView, type MessageRow } from "../messages/message-view";
import { queueSlaFor } from "../sla/queue-sla";
import { toQueuePreview } from "../tickets/queue-preview";
import { ticketViewSelect, toTicketView } from "../tickets/ticket-view";

/** Events whose rows are read for views. */
const messageEvents = new Set(["message.created"]);
// thread.created is followed, in the same transaction, by ticket.created, which carries the row.
const ticketEvents = new Set(["message.created", "ticket.created", "ticket.updated"]);

/** Queries issued by this module (tests and the console benchmark count them). */
export const eventViewReads = { queries: 0, batches: 0 };

const ticketSelect = {
  ...ticketViewSelect,
  assignee: { select: { id: true, name: true } },
  thread: { select: { subject: true, memberId: true, member: { select: { id: true, name: true } } } },
} as const;

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
    if (messageId) messageIds.add(messageId);
    if (ticketId) ticketIds.add(ticketId);
  }
  if (messageIds.size === 0 && ticketIds.size === 0) return events;
  const db = await getDb();
  eventViewReads.batches++;
  const [messages, tickets] = await Promise.all([
    messageIds.size === 0 ? Promise.resolve([]) : (eventViewReads.queries++, db.message.findMany({ where: { id: { in: [...messageIds] } }, select: messageViewSelect })),
    ticketIds.size === 0 ? Promise.resolve([]) : (eventViewReads.queries++, db.ticket.findMany({ where: { id: { in: [...ticketIds] } }, select: ticketSelect })),
  ]);
  if (tickets.length > 0) eventViewReads.queries++;
  const sla = await queueSlaFor(tickets);
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
  const row = messageId ? messages.get(messageId) : undefined;
  // ⚠ The row must belong to the event's thread: a view never shows another thread's row.
  const message = row && row.threadId === event.threadId ? toMessageView(row) : undefined;
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
