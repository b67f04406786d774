/**
 * ⚠ A system pass without an actor (DESIGN.md §3, "unsafe…"): it reads the outbox — ids and
 * status values only — and turns what happened into in-app notifications and queued emails,
 * off the send path (docs/notifications.md). It reads no message text. Who is notified is
 * decided from the event's own team and ticket, so a notification only ever goes to staff of
 * the team that owns the ticket (or its assignee), who reach that thread anyway.
 *
 *  - ticket.created            → NEW_TICKET to the team's staff (not to whoever opened it)
 *  - message.created by member → MEMBER_REPLY to the assignee, or the team when unassigned;
 *                                 not for the message that opened the ticket (NEW_TICKET says
 *                                 it), and not again while an earlier one is unread
 *  - message.created, staff reply the member sees → the member's reply email (one per unread period)
 *  - ticket.updated assigning someone else → ASSIGNED to the new assignee
 *  - mention.created           → the MENTION notification exists (written by the send): its email
 *
 * Where the pass stands is kept in a singleton row of the jobs table (type
 * "notifications.cursor", status DONE so no runner ever claims it; its payload is the
 * CursorState of outbox-cursor.ts). A pass is one transaction holding an advisory lock: two
 * instances never work at once, and the notifications, the emails queued and the cursor
 * move commit together — a crash leaves the cursor where the work stopped.
 */
import { getDb } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { getEnv } from "../../env";
import { mailConfigured } from "../../mail/mail-transport";
import { memberReplyEmailJobData } from "../email/email-jobs";
import { stepCursor, type CursorState } from "./outbox-cursor";
import { writeNotifications, type NewNotification } from "./notification-writes";
import { staffOfTeams } from "./staff-of-teams";

export const cursorJobId = "00000000-0000-8000-8000-6e6f74696679"; // "notify"
export const cursorJobType = "notifications.cursor";
/** "notify" in ASCII; any constant all instances share. */
const LOCK_KEY = Prisma.raw("478560317049");

type Tx = Prisma.TransactionClient;
type OutboxRow = { id: string; type: string; team_id: string | null; thread_id: string | null; member_id: string | null; payload: Record<string, unknown> };

export type DeriveResult = { busy: boolean; handled: number; created: number };

async function ensureCursorRow(): Promise<void> {
  const db = await getDb();
  const existing = await db.job.findUnique({ where: { id: cursorJobId }, select: { id: true } });
  if (existing) return;
  // Start at what is at least ten minutes old: a new deployment does not alert on history,
  // and events of the last minutes (a restart) are still handled.
  const [row] = await db.$queryRaw<{ max: string }[]>`SELECT coalesce(max(id), 0)::text AS max FROM outbox_events WHERE created_at < now() - interval '10 minutes'`;
  const state: CursorState = { seen: row?.max ?? "0", gaps: {} };
  await db.job.createMany({ data: [{ id: cursorJobId, type: cursorJobType, status: "DONE", payload: state, maxAttempts: 1 }], skipDuplicates: true });
}

export async function unsafeDeriveNotifications(options: { batchSize?: number } = {}): Promise<DeriveResult> {
  await ensureCursorRow();
  const db = await getDb();
  return db.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${LOCK_KEY}) AS locked`;
      if (lock?.locked !== true) return { busy: true, handled: 0, created: 0 };
      const cursorRow = await tx.job.findUniqueOrThrow({ where: { id: cursorJobId }, select: { payload: true } });
      const state = cursorRow.payload as CursorState;
      const gaps = Object.keys(state.gaps);
      const rows = await tx.$queryRaw<OutboxRow[]>`
        SELECT id::text AS id, type, team_id::text AS team_id, thread_id::text AS thread_id, member_id::text AS member_id, payload
        FROM outbox_events
        WHERE id > ${state.seen}::bigint OR id = ANY(${gaps}::bigint[])
        ORDER BY id LIMIT ${options.batchSize ?? 500}`;
      const step = stepCursor(state, rows.map((r) => BigInt(r.id)), Date.now());
      const handle = new Set(step.handle.map(String));
      const created = await handleEvents(tx, rows.filter((r) => handle.has(r.id)));
      if (rows.length > 0 || JSON.stringify(step.next) !== JSON.stringify(state)) {
        await tx.job.update({ where: { id: cursorJobId }, data: { payload: step.next } });
      }
      return { busy: false, handled: handle.size, created };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}

const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);

async function handleEvents(tx: Tx, rows: OutboxRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const now = new Date();
  const newTickets = rows.filter((r) => r.type === "ticket.created");
  const messages = rows.filter((r) => r.type === "message.created");
  const memberMessages = messages.filter((r) => r.payload.authorRole === "MEMBER");
  const staffReplies = messages.filter((r) => r.payload.authorRole !== "MEMBER" && r.payload.visibility === "member" && r.member_id);
  const assignments = rows.filter((r) => r.type === "ticket.updated" && String(r.payload.changed ?? "").split(",").includes("assigneeId") && str(r.payload.assigneeId));
  const mentions = rows.filter((r) => r.type === "mention.created").flatMap((r) => str(r.payload.notificationId) ?? []);

  const ticketIds = [...new Set([...newTickets, ...memberMessages, ...assignments].flatMap((r) => str(r.payload.ticketId) ?? []))];
  const messageIds = [...memberMessages, ...staffReplies].flatMap((r) => str(r.payload.messageId) ?? []);
  const [tickets, messageTimes, openers, assigners] = await Promise.all([
    ticketIds.length ? tx.ticket.findMany({ where: { id: { in: ticketIds } }, select: { id: true, teamId: true, threadId: true, assigneeId: true, createdAt: true } }) : [],
    messageIds.length ? tx.message.findMany({ where: { id: { in: messageIds } }, select: { id: true, createdAt: true } }) : [],
    newTickets.length ? tx.ticketEvent.findMany({ where: { ticketId: { in: ticketIds }, type: "CREATED" }, select: { ticketId: true, actorId: true } }) : [],
    assignments.length
      ? tx.ticketEvent.findMany({ where: { ticketId: { in: ticketIds }, type: "ASSIGNED" }, orderBy: { createdAt: "desc" }, select: { ticketId: true, actorId: true, toValue: true } })
      : [],
  ]);
  const ticketById = new Map(tickets.map((t) => [t.id, t]));
  const messageAt = new Map(messageTimes.map((m) => [m.id, m.createdAt]));
  const openerOf = new Map(openers.map((e) => [e.ticketId, e.actorId]));
  const staff = await staffOfTeams(tx, tickets.flatMap((t) => t.teamId ?? []));

  const out: NewNotification[] = [];
  for (const r of newTickets) {
    const ticket = ticketById.get(str(r.payload.ticketId) ?? "");
    if (!ticket?.teamId) continue; // triage: no team to alert (admins see it flagged)
    for (const userId of staff.get(ticket.teamId) ?? []) {
      if (userId !== openerOf.get(ticket.id)) out.push({ userId, type: "NEW_TICKET", threadId: ticket.threadId, ticketId: ticket.id });
    }
  }

  const replyCandidates: NewNotification[] = [];
  for (const r of memberMessages) {
    const ticket = ticketById.get(str(r.payload.ticketId) ?? "");
    const at = messageAt.get(str(r.payload.messageId) ?? "");
    if (!ticket || !at) continue;
    if (ticket.createdAt.getTime() === at.getTime()) continue; // the message that opened the ticket
    const to = ticket.assigneeId ? [ticket.assigneeId] : ticket.teamId ? (staff.get(ticket.teamId) ?? []) : [];
    for (const userId of to) replyCandidates.push({ userId, type: "MEMBER_REPLY", threadId: ticket.threadId, ticketId: ticket.id });
  }
  out.push(...(await withoutUnreadDuplicates(tx, replyCandidates)));

  const seenAssignment = new Set<string>();
  for (const r of assignments) {
    const ticket = ticketById.get(str(r.payload.ticketId) ?? "");
    const assigneeId = str(r.payload.assigneeId);
    if (!ticket || !assigneeId) continue;
    const key = `${ticket.id}:${assigneeId}`;
    if (seenAssignment.has(key)) continue;
    seenAssignment.add(key);
    // The assignment's author, from the ticket's history: taking a ticket yourself alerts nobody.
    const event = assigners.find((e) => e.ticketId === ticket.id && e.toValue === assigneeId);
    if (event?.actorId === assigneeId) continue;
    out.push({ userId: assigneeId, type: "ASSIGNED", threadId: ticket.threadId, ticketId: ticket.id });
  }

  const created = await writeNotifications(tx, out, now, mentions);
  await queueMemberReplyEmails(tx, staffReplies, messageAt);
  return created;
}

/** One unread MEMBER_REPLY per person and thread: a member writing five lines alerts once. */
async function withoutUnreadDuplicates(tx: Tx, candidates: NewNotification[]): Promise<NewNotification[]> {
  if (candidates.length === 0) return [];
  const unread = await tx.notification.findMany({
    where: { type: "MEMBER_REPLY", readAt: null, OR: candidates.map((c) => ({ userId: c.userId, threadId: c.threadId })) },
    select: { userId: true, threadId: true },
  });
  const taken = new Set(unread.map((u) => `${u.userId}:${u.threadId}`));
  return candidates.filter((c) => {
    const key = `${c.userId}:${c.threadId}`;
    if (taken.has(key)) return false;
    taken.add(key);
    return true;
  });
}

async function queueMemberReplyEmails(tx: Tx, replies: OutboxRow[], messageAt: Map<string, Date>): Promise<void> {
  if (replies.length === 0 || !mailConfigured()) return;
  const delayMs = getEnv().MEMBER_EMAIL_DELAY_SECONDS * 1000;
  const pairs = replies.flatMap((r) => (r.thread_id && r.member_id ? [{ threadId: r.thread_id, userId: r.member_id }] : []));
  const marks = await tx.threadReadState.findMany({ where: { OR: pairs }, select: { threadId: true, userId: true, lastReadAt: true } });
  const markOf = new Map(marks.map((m) => [`${m.threadId}:${m.userId}`, m.lastReadAt]));
  const jobs = replies.flatMap((r) => {
    const at = messageAt.get(str(r.payload.messageId) ?? "");
    if (!r.thread_id || !r.member_id || !at) return [];
    const lastReadAt = markOf.get(`${r.thread_id}:${r.member_id}`) ?? null;
    return [memberReplyEmailJobData({ threadId: r.thread_id, memberId: r.member_id, replyAt: at.toISOString(), lastReadAt, runAt: new Date(at.getTime() + delayMs) })];
  });
  if (jobs.length > 0) await tx.job.createMany({ data: jobs, skipDuplicates: true });
}
