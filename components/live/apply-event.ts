/**
 * How a live event changes the browser's caches (docs/realtime.md, "The client"). Plain
 * module, no React: LiveEventsProvider runs it in the browser and `npm run bench:console`
 * drives the very same code against a real QueryClient.
 *
 * Events carry their audience's view of the changed row (lib/realtime/event-views.ts), so
 * most of them are applied in place: the message appended to the thread's newest page, the
 * queue row updated, inserted, moved or dropped in every loaded queue view, the counts moved.
 * `applyLiveEvent` answers the caches it could NOT derive (to refetch); createLiveApplier
 * (live-applier.ts) coalesces those, so a burst costs at most one refetch per cache.
 *
 * The server stays the judge of what a receiver may see: this module only files what it was
 * sent. It never widens a cache — a queue row is placed only in queues of the viewer's own
 * teams, under the same view and status filters the server applies.
 */
import type { QueryClient, QueryKey } from "@tanstack/react-query";
import { appendMessage, threadListKey, type MessagePage, type Paged, type QueuePage, type ThreadListPage } from "@/lib/api/query-keys";
import type { MessageView } from "@/lib/domain/messages/schemas";
import type { QueueCounts, QueueItem } from "@/lib/domain/tickets/schemas";
import type { LiveQueueRow, StaffEventView } from "@/lib/realtime/event-views";

export type LiveEvent = { type: string; id: string | null; data: Record<string, unknown> };

/** What the applier needs of a QueryClient (a real one in the browser and the benchmark). */
export type LiveCache = Pick<QueryClient, "getQueriesData" | "setQueryData" | "getQueryData">;

/** Who is looking: queue rows go only to queues of the viewer's teams; "mine" is theirs. */
export type Viewer = { userId: string; teamIds: ReadonlySet<string> };

export type ApplyResult = {
  /** Caches this event changed in a way that could not be derived: refetch them (coalesced). */
  stale: QueryKey[];
  /** The member's server-rendered conversation list should refresh. */
  refreshList: boolean;
};

export const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);

const openStatuses = new Set(["NEW", "OPEN", "PENDING", "ON_HOLD"]);
const countedViews = ["open", "mine", "unassigned", "all"] as const;

type Transition =
  | { kind: "message" }
  | { kind: "created"; status: string; assigneeId: string | null }
  | { kind: "updated"; from: { status: string; assigneeId: string | null } | null; to: { status: string; assigneeId: string | null } };

export function applyLiveEvent(event: LiveEvent, cache: LiveCache, viewer: Viewer | null): ApplyResult {
  const d = event.data;
  const threadId = str(d.threadId);
  const ticketId = str(d.ticketId);
  const staffView = (d.view ?? null) as StaffEventView | null;
  const stale: QueryKey[] = [];
  let refreshList = false;

  switch (event.type) {
    case "message.created": {
      const message = staffView?.message;
      // The member's conversation list: updated in place; refreshed only for a thread it does not hold yet.
      refreshList = !(message && message.threadId === threadId && updateThreadList(cache, message, viewer));
      if (threadId) {
        if (message && message.threadId === threadId) {
          addMessage(cache, threadId, message);
          // Staff with the thread open: reading its newest page moves their read marker,
          // which is what tells the member "Seen" (list-messages.ts). Only consoles that hold
          // this thread refetch it — a handful, not every console of the team.
          if (viewer && message.author.id !== viewer.userId && cache.getQueryData(["messages", threadId]) !== undefined) stale.push(["messages", threadId]);
        } else stale.push(["messages", threadId]);
      }
      if (staffView?.ticket) stale.push(...applyQueueRow(cache, staffView.ticket, viewer, { kind: "message" }));
      else if (ticketId && viewer) stale.push(["queue"]);
      if (ticketId) stale.push(["ticket", ticketId]);
      // The assignee is notified of a member's message; others see it in the queue (the
      // bell's own poll catches notifications addressed to a whole queue).
      if (staffView?.ticket?.assigneeId && staffView.ticket.assigneeId === viewer?.userId) stale.push(["notifications"]);
      break;
    }
    case "thread.created":
      // Staff: the same transaction's ticket.created carries the queue row.
      refreshList = true;
      break;
    case "ticket.created": {
      const row = staffView?.ticket;
      if (row) stale.push(...applyQueueRow(cache, row, viewer, { kind: "created", status: str(d.status) ?? row.status, assigneeId: row.assigneeId }));
      else stale.push(["queue"]);
      if (row?.assigneeId === viewer?.userId) stale.push(["notifications"]);
      break;
    }
    case "ticket.updated": {
      const row = staffView?.ticket;
      if (row) stale.push(...applyQueueRow(cache, row, viewer, updateTransition(d, row)));
      else stale.push(["queue"]);
      if (ticketId) stale.push(["ticket", ticketId]);
      break;
    }
    case "read": {
      const readAt = str(d.readAt);
      if (threadId && readAt) {
        cache.setQueryData<{ seenAt: string | null }>(["thread-seen", threadId], (old) => (old?.seenAt && old.seenAt >= readAt ? old : { seenAt: readAt }));
      }
      break;
    }
    case "attachment.scanned": {
      const attachmentId = str(d.attachmentId);
      const status = str(d.status);
      if (attachmentId && status) {
        // The status at once; the rest of the view (links, thumbnail, size, the reason of a
        // refusal) comes only with the verdict and cannot be derived here: refetch it. A scan
        // ends once per upload, so this refetch is rare by nature.
        const cached = cache.getQueryData(["attachment", attachmentId]) !== undefined;
        cache.setQueryData<{ status: string }>(["attachment", attachmentId], (old) => (old ? { ...old, status } : old));
        if (cached) stale.push(["attachment", attachmentId]);
        if (threadId && setAttachmentStatus(cache, threadId, attachmentId, status)) stale.push(["messages", threadId]);
      }
      stale.push(["member-documents"]);
      break;
    }
    case "mention.created":
      stale.push(["mentions"], ["notifications"]);
      break;
    case "collaborator.removed":
      stale.push(["ticket"], ["mentions"]);
      break;
    default:
      break;
  }
  return { stale, refreshList };
}

/** The ticket's state before and after, from the event's own payload (never from a cache the event already changed). */
function updateTransition(d: Record<string, unknown>, row: LiveQueueRow): Transition {
  const toStatus = str(d.status) ?? row.status;
  const fromStatus = str(d.previousStatus) ?? str(d.fromStatus) ?? toStatus;
  const changed = str(d.changed)?.split(",") ?? [];
  const toAssignee = "assigneeId" in d ? (str(d.assigneeId) ?? null) : row.assigneeId;
  if (changed.includes("assigneeId")) {
    // The assignee before is needed to move "mine" and "unassigned"; an event without it cannot be counted.
    if (!("fromAssigneeId" in d)) return { kind: "updated", from: null, to: { status: toStatus, assigneeId: toAssignee } };
    return { kind: "updated", from: { status: fromStatus, assigneeId: str(d.fromAssigneeId) }, to: { status: toStatus, assigneeId: toAssignee } };
  }
  return { kind: "updated", from: { status: fromStatus, assigneeId: toAssignee }, to: { status: toStatus, assigneeId: toAssignee } };
}

// ── messages ─────────────────────────────────────────────────────────────────────────

/** The list's preview rule (lib/domain/threads/list-threads.ts). */
const threadPreviewLength = 120;
function threadPreview(body: string): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length <= threadPreviewLength ? flat : `${flat.slice(0, threadPreviewLength - 1).trimEnd()}…`;
}

/**
 * The conversation list (["threads"], newest activity first): the thread's summary takes the
 * message's time, preview and unread flag and moves to the top. False when the list is loaded
 * but does not hold the thread (a new conversation: its subject and ticket come from the server).
 */
function updateThreadList(cache: LiveCache, message: MessageView, viewer: Viewer | null): boolean {
  const data = cache.getQueryData<Paged<ThreadListPage>>(threadListKey);
  if (!data) return true;
  const current = data.pages.flatMap((p) => p.items).find((t) => t.id === message.threadId);
  if (!current) return false;
  const updated = {
    ...current,
    lastMessageAt: message.createdAt > current.lastMessageAt ? message.createdAt : current.lastMessageAt,
    preview: threadPreview(message.body),
    // Sending moves the sender's own read marker; anyone else's message is unread.
    unread: message.author.id !== viewer?.userId,
  };
  const pages = data.pages.map((p) => ({ ...p, items: p.items.filter((t) => t.id !== message.threadId) }));
  pages[0] = { ...pages[0]!, items: [updated, ...pages[0]!.items] };
  cache.setQueryData<Paged<ThreadListPage>>(threadListKey, { ...data, pages });
  return true;
}

function addMessage(cache: LiveCache, threadId: string, message: MessageView): void {
  cache.setQueryData<Paged<MessagePage> | MessageView[]>(["messages", threadId], (old) => {
    if (!old) return old;
    // The plain list of the first paging-less version, kept for a cache filled by it.
    if (Array.isArray(old)) return old.some((m) => m.id === message.id) ? old : [...old, message];
    return appendMessage(old, message);
  });
}

/** Patches the attachment's status on its message; answers whether a loaded message held it. */
function setAttachmentStatus(cache: LiveCache, threadId: string, attachmentId: string, status: string): boolean {
  let found = false;
  const patch = (m: MessageView): MessageView => {
    if (!m.attachments.some((a) => a.id === attachmentId)) return m;
    found = true;
    return { ...m, attachments: m.attachments.map((a) => (a.id === attachmentId ? { ...a, status: status as typeof a.status } : a)) };
  };
  cache.setQueryData<Paged<MessagePage> | MessageView[]>(["messages", threadId], (old) => {
    if (!old) return old;
    if (Array.isArray(old)) return old.map(patch);
    return { ...old, pages: old.pages.map((p) => ({ ...p, items: p.items.map(patch) })) };
  });
  return found;
}

// ── the queue ────────────────────────────────────────────────────────────────────────

type QueueData = Paged<QueuePage> | QueuePage;

function pagesOf(data: QueueData): QueuePage[] {
  return "pages" in data ? data.pages : [data];
}

function withPages(data: QueueData, pages: QueuePage[]): QueueData {
  return "pages" in data ? { ...data, pages } : pages[0]!;
}

/** The server's queue order: waitingSince ASC NULLS LAST, lastActivityAt ASC, id ASC (queue-page-sql.ts). */
export function compareQueueRows(a: Pick<QueueItem, "waitingSince" | "lastActivityAt" | "id">, b: Pick<QueueItem, "waitingSince" | "lastActivityAt" | "id">): number {
  if (a.waitingSince !== b.waitingSince) {
    if (a.waitingSince === null) return 1;
    if (b.waitingSince === null) return -1;
    return Date.parse(a.waitingSince) - Date.parse(b.waitingSince);
  }
  if (a.lastActivityAt !== b.lastActivityAt) return Date.parse(a.lastActivityAt) - Date.parse(b.lastActivityAt);
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function inView(view: string, status: string | null, row: { status: string; assigneeId: string | null }, userId: string): boolean {
  if (status !== null && row.status !== status) return false;
  const open = openStatuses.has(row.status);
  if (view === "open") return open;
  if (view === "mine") return open && row.assigneeId === userId;
  if (view === "unassigned") return open && row.assigneeId === null;
  return view === "all";
}

function countsDelta(t: Transition, userId: string): QueueCounts | null {
  if (t.kind === "message") return { open: 0, mine: 0, unassigned: 0, all: 0 };
  const member = (s: { status: string; assigneeId: string | null } | null) => (v: string) => (s && inView(v, null, s, userId) ? 1 : 0);
  if (t.kind === "updated" && t.from === null) return null;
  const before = member(t.kind === "created" ? null : t.from);
  const after = member(t.kind === "created" ? { status: t.status, assigneeId: t.assigneeId } : t.to);
  const out = { open: 0, mine: 0, unassigned: 0, all: 0 };
  for (const v of countedViews) out[v] = after(v) - before(v);
  return out;
}

/**
 * Files a ticket's queue row in every loaded queue view: replaced where it is, moved to its
 * place in the queue order, inserted when it now belongs to a view (within the loaded range;
 * beyond it, scrolling on will load it), dropped when it no longer belongs, and the views'
 * counts moved by the event's own transition. Answers ["queue"] when the counts cannot be
 * derived. Only the viewer's own teams' queues hold a ticket (collaborators and emergency
 * access see the thread, not another team's queue).
 */
export function applyQueueRow(cache: LiveCache, row: LiveQueueRow, viewer: Viewer | null, t: Transition): QueryKey[] {
  if (!viewer || row.teamId === null || !viewer.teamIds.has(row.teamId)) return [];
  const delta = countsDelta(t, viewer.userId);
  for (const [key, data] of cache.getQueriesData<QueueData>({ queryKey: ["queue"] })) {
    if (!data) continue;
    const view = typeof key[1] === "string" ? key[1] : "open";
    const status = typeof key[2] === "string" ? key[2] : null;
    cache.setQueryData<QueueData>(key, placeRow(data, row, t, view, status, viewer.userId, delta));
  }
  return delta ? [] : [["queue"]];
}

function placeRow(data: QueueData, row: LiveQueueRow, t: Transition, view: string, status: string | null, userId: string, delta: QueueCounts | null): QueueData {
  const pages = pagesOf(data);
  const existing = pages.flatMap((p) => p.items).find((i) => i.id === row.id);
  // A message moves the row's times and preview; its status and assignee change only with
  // the ticket event of the same send (so that event's counts see the state before it).
  const merged: QueueItem = {
    ...row,
    ...(t.kind === "message" && existing ? { status: existing.status, assigneeId: existing.assigneeId, assignee: existing.assignee, priority: existing.priority } : {}),
    preview: row.preview !== undefined ? row.preview : (existing?.preview ?? null),
  };
  let next = pages.map((p) => (existing ? { ...p, items: p.items.filter((i) => i.id !== row.id) } : p));
  if (inView(view, status, merged, userId)) next = insertSorted(next, merged);
  if (delta) next = next.map((p) => ({ ...p, counts: addCounts(p.counts, delta) }));
  return withPages(data, next);
}

function insertSorted(pages: QueuePage[], row: QueueItem): QueuePage[] {
  for (let p = 0; p < pages.length; p++) {
    const at = pages[p]!.items.findIndex((i) => compareQueueRows(row, i) < 0);
    if (at >= 0) return pages.map((page, i) => (i === p ? { ...page, items: [...page.items.slice(0, at), row, ...page.items.slice(at)] } : page));
  }
  const last = pages.at(-1);
  // After every loaded row: its place is here only when nothing more is to load.
  if (!last || last.nextCursor !== null) return pages;
  return pages.map((page, i) => (i === pages.length - 1 ? { ...page, items: [...page.items, row] } : page));
}

function addCounts(counts: QueueCounts | undefined, delta: QueueCounts): QueueCounts {
  const c = counts ?? { open: 0, mine: 0, unassigned: 0, all: 0 };
  return { open: Math.max(0, c.open + delta.open), mine: Math.max(0, c.mine + delta.mine), unassigned: Math.max(0, c.unassigned + delta.unassigned), all: Math.max(0, c.all + delta.all) };
}
