/**
 * Test-only: the views of live events as the Prisma loader built them before the reads became
 * one raw statement (unsafe-load-event-views.ts), kept word for word as the reference the
 * new loader must equal, and a batch of events over rows that exercise every branch. Not
 * imported by application code.
 */
import { randomBytes } from "node:crypto";
import { getDb } from "../../db/client";
import type { EventViews, LiveQueueRow } from "../../realtime/event-views";
import type { RoutedEvent } from "../../realtime/routing";
import { messageViewSelect, toMessageView, type MessageRow } from "../messages/message-view";
import { uuid7 } from "../shared/uuid7";
import { queueSlaFor } from "../sla/queue-sla";
import { toQueuePreview } from "../tickets/queue-preview";
import { createMember, createStaff, createTeam, createTicket } from "../tickets/test-fixtures";
import { ticketViewSelect, toTicketView } from "../tickets/ticket-view";

// ── The reference: the Prisma loader as it was (messages, tickets, then the SLA calendars) ──

const messageEvents = new Set(["message.created"]);
const ticketEvents = new Set(["message.created", "ticket.created", "ticket.updated"]);

const ticketSelect = {
  ...ticketViewSelect,
  assignee: { select: { id: true, name: true } },
  thread: { select: { subject: true, memberId: true, member: { select: { id: true, name: true } } } },
} as const;

const idOf = (event: RoutedEvent, key: string): string | null => {
  const v = event.payload[key];
  return typeof v === "string" && v.length > 0 ? v : null;
};

export async function prismaEventViews(events: RoutedEvent[]): Promise<RoutedEvent[]> {
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
  const [messages, tickets] = await Promise.all([
    messageIds.size === 0 ? Promise.resolve([]) : db.message.findMany({ where: { id: { in: [...messageIds] } }, select: messageViewSelect }),
    ticketIds.size === 0 ? Promise.resolve([]) : db.ticket.findMany({ where: { id: { in: [...ticketIds] } }, select: ticketSelect }),
  ]);
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

function viewsOf(event: RoutedEvent, messages: Map<string, MessageRow>, tickets: Map<string, LiveQueueRow & { memberId: string }>): EventViews | null {
  const messageId = messageEvents.has(event.type) ? idOf(event, "messageId") : null;
  const ticketId = ticketEvents.has(event.type) ? idOf(event, "ticketId") : null;
  const row = messageId ? messages.get(messageId) : undefined;
  const message = row && row.threadId === event.threadId ? toMessageView(row) : undefined;
  const found = ticketId ? tickets.get(ticketId) : undefined;
  const ticketRow = found && found.threadId === event.threadId ? found : undefined;
  if (!message && !ticketRow) return null;
  let ticket: LiveQueueRow | undefined;
  if (ticketRow) {
    const { memberId, ...queueRow } = ticketRow;
    const preview = row && row.visibility === "MEMBER" && row.author.id === memberId ? toQueuePreview(row.body) : undefined;
    ticket = preview === undefined ? queueRow : { ...queueRow, preview };
  }
  const views: EventViews = { staff: { ...(message ? { message } : {}), ...(ticket ? { ticket } : {}) } };
  if (message && row?.visibility === "MEMBER") views.member = { message };
  return views;
}

// ── A batch over every kind of row ──

const tag = () => randomBytes(4).toString("hex");

export type ViewBatch = {
  events: RoutedEvent[];
  notUuid: RoutedEvent;
  ids: { memberMessage: string; note: string; reply: string; assignedTicket: string; otherTicket: string; threadA: string; threadB: string; memberId: string };
};

/**
 * Two threads of one member in a team with working hours, a time zone and SLA targets:
 * thread A (ticket assigned, member waiting: a target running) with the member's message
 * (files attached, a long body the preview cuts), an internal note (a file too) and a staff
 * reply; thread B (a follow-up, unassigned, nobody waiting). The events announce them as the
 * server does, plus ones that yield no view: an unknown ticket, an ephemeral event (and,
 * apart, an id that is no uuid).
 */
export async function createViewBatch(): Promise<ViewBatch> {
  const db = await getDb();
  const team = await createTeam();
  await db.team.update({
    where: { id: team.teamId },
    data: { timeZone: "Europe/Berlin", hours: [1, 2, 3, 4, 5].map((day) => ({ day, start: "08:00", end: "17:00" })) },
  });
  await db.slaPolicy.createMany({
    data: [
      { id: uuid7(), teamId: team.teamId, priority: "NORMAL", firstResponseMinutes: 240, nextResponseMinutes: 60 },
      { id: uuid7(), teamId: team.teamId, priority: "HIGH", firstResponseMinutes: 30, nextResponseMinutes: 15 },
    ],
  });
  const guide = await createStaff("CARE_GUIDE", [team.teamId], `View Guide ${tag()}`);
  const member = await createMember(team.teamId, `View Member ${tag()}`);
  const longBody = `  Hello,\n\n  my   prescription ${"is running out soon and ".repeat(8)}🙂 please call back.  `;
  const a = await createTicket({
    teamId: team.teamId,
    queueId: team.queueId,
    memberId: member.id,
    subject: `Views ${tag()}`,
    status: "OPEN",
    priority: "HIGH",
    assigneeId: guide.id,
    waitingSince: new Date("2026-03-06T15:00:00.123Z"),
    messages: [
      { authorId: member.id, body: longBody },
      { authorId: guide.id, body: "Internal: check the chart first.", visibility: "INTERNAL" },
      { authorId: guide.id, body: "We are on it." },
    ],
  });
  const b = await createTicket({ teamId: team.teamId, queueId: team.queueId, memberId: member.id, status: "PENDING", messages: [{ authorId: member.id, body: "Second thread" }] });
  await db.ticket.update({ where: { id: b.ticketId }, data: { followUpOfId: a.ticketId, caseType: "billing", firstResponseAt: new Date("2026-03-06T16:00:00.456Z") } });
  await db.thread.update({ where: { id: b.threadId }, data: { subject: null } });

  const messages = await db.message.findMany({ where: { threadId: a.threadId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, authorId: true } });
  const [memberMessage, note, reply] = messages.map((m) => m.id) as [string, string, string];
  const files = [
    { messageId: memberMessage, status: "CLEAN", thumbnailKey: "t/1", width: 640, height: 480, documentType: "photo", detectedType: "image/jpeg" },
    { messageId: memberMessage, status: "PENDING", scanAttempts: 2 },
    { messageId: memberMessage, status: "REJECTED", rejectReason: "Not a file type we accept." },
    { messageId: note, status: "CLEAN", documentType: "document", detectedType: "application/pdf" },
  ] as const;
  for (const [i, f] of files.entries()) {
    await db.attachment.create({
      data: { uploaderId: f.messageId === note ? guide.id : member.id, threadId: a.threadId, displayName: `file ${i}.bin`, sizeBytes: 1000 + i, createdAt: new Date(Date.now() - 60_000 + i), ...f },
    });
  }

  let seq = 1000n;
  const event = (type: string, threadId: string | null, payload: Record<string, string>): RoutedEvent => ({
    seq: seq++,
    type,
    teamId: team.teamId,
    threadId,
    memberId: member.id,
    userId: null,
    payload: { threadId: threadId ?? "", ...payload },
  });
  const events: RoutedEvent[] = [
    event("message.created", a.threadId, { messageId: memberMessage, ticketId: a.ticketId }),
    event("message.created", a.threadId, { messageId: note, ticketId: a.ticketId }),
    event("message.created", a.threadId, { messageId: reply, ticketId: a.ticketId }),
    event("ticket.created", a.threadId, { ticketId: a.ticketId }),
    event("ticket.updated", b.threadId, { ticketId: b.ticketId }),
    event("message.created", a.threadId, { messageId: reply }),
    event("ticket.updated", b.threadId, { ticketId: uuid7() }),
    { ...event("typing", a.threadId, { messageId: memberMessage }), seq: null },
  ];
  return {
    events,
    // Prisma failed the whole batch on it (so the reference cannot take it); the raw read leaves it out.
    notUuid: event("message.created", a.threadId, { messageId: "not-a-uuid", ticketId: "NOT-A-UUID" }),
    ids: { memberMessage, note, reply, assignedTicket: a.ticketId, otherTicket: b.ticketId, threadA: a.threadId, threadB: b.threadId, memberId: member.id },
  };
}
