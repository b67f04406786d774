import { describe, expect, it, vi } from "vitest";
import { QueryClient } from "@tanstack/react-query";
import type { MessagePage, Paged, QueuePage, ThreadListPage } from "@/lib/api/query-keys";
import type { MessageView } from "@/lib/domain/messages/schemas";
import type { QueueItem } from "@/lib/domain/tickets/schemas";
import { applyLiveEvent, type LiveEvent, type Viewer } from "./apply-event";
import { createLiveApplier } from "./live-applier";

const team = "00000000-0000-4000-8000-0000000000a1";
const otherTeam = "00000000-0000-4000-8000-0000000000b2";
const me: Viewer = { userId: "u-me", teamIds: new Set([team]) };

function msg(id: string, threadId: string, at: string, extra: Partial<MessageView> = {}): MessageView {
  return { id, threadId, body: `body ${id}`, visibility: "member", author: { id: "m1", name: "M", role: "MEMBER" }, createdAt: at, clientMessageId: `c-${id}`, attachments: [], ...extra };
}

function row(id: string, waiting: string | null, extra: Partial<QueueItem> = {}): QueueItem {
  return {
    id,
    threadId: `th-${id}`,
    teamId: team,
    queueId: "q1",
    status: "OPEN",
    priority: "NORMAL",
    assigneeId: null,
    caseType: null,
    createdAt: "2026-01-01T00:00:00.000Z",
    firstResponseAt: null,
    waitingSince: waiting,
    lastActivityAt: waiting ?? "2026-01-01T00:00:00.000Z",
    followUpOfId: null,
    member: { id: "m1", name: "Member" },
    subject: null,
    preview: "old preview",
    assignee: null,
    sla: null,
    ...extra,
  };
}

const paged = <P,>(...pages: P[]): Paged<P> => ({ pages, pageParams: pages.map((_, i) => (i === 0 ? null : `c${i}`)) });
const queuePage = (items: QueueItem[], counts = { open: 3, mine: 0, unassigned: 3, all: 3 }, nextCursor: string | null = null): QueuePage => ({ items, nextCursor, counts });

function client(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { gcTime: Infinity, staleTime: Infinity } } });
}

const ids = (data: Paged<QueuePage> | undefined) => data?.pages.flatMap((p) => p.items.map((i) => i.id));

describe("applyLiveEvent — messages", () => {
  it("appends a message from the view to the thread's newest page, once, and refetches no message list", () => {
    const qc = client();
    qc.setQueryData<Paged<MessagePage>>(["messages", "t1"], paged({ items: [msg("b", "t1", "2026-01-02T00:00:00.000Z")], nextCursor: "older" }, { items: [msg("a", "t1", "2026-01-01T00:00:00.000Z")], nextCursor: null }));
    const event: LiveEvent = { type: "message.created", id: "5", data: { threadId: "t1", messageId: "c", view: { message: msg("c", "t1", "2026-01-03T00:00:00.000Z") } } };
    const r1 = applyLiveEvent(event, qc, me);
    applyLiveEvent(event, qc, me);
    const data = qc.getQueryData<Paged<MessagePage>>(["messages", "t1"])!;
    expect(data.pages[0]!.items.map((m) => m.id)).toEqual(["b", "c"]);
    expect(data.pages[1]!.items.map((m) => m.id)).toEqual(["a"]);
    expect(r1.stale).not.toContainEqual(["queue"]);
    // Staff with the thread open read its newest page again (their read marker moves: "Seen").
    expect(r1.stale).toContainEqual(["messages", "t1"]);
    // Nobody else's console fetches a thread it does not hold.
    expect(applyLiveEvent({ ...event, data: { ...event.data, threadId: "t2", view: { message: msg("d", "t2", "2026-01-03T00:00:00.000Z") } } }, qc, me).stale).not.toContainEqual(["messages", "t2"]);
  });

  it("keeps a plain list cache working and creates no cache for a thread nobody has open", () => {
    const qc = client();
    qc.setQueryData<MessageView[]>(["messages", "t1"], [msg("a", "t1", "2026-01-01T00:00:00.000Z")]);
    applyLiveEvent({ type: "message.created", id: "1", data: { threadId: "t1", view: { message: msg("b", "t1", "2026-01-02T00:00:00.000Z") } } }, qc, null);
    expect(qc.getQueryData<MessageView[]>(["messages", "t1"])!.map((m) => m.id)).toEqual(["a", "b"]);
    applyLiveEvent({ type: "message.created", id: "2", data: { threadId: "t9", view: { message: msg("z", "t9", "2026-01-02T00:00:00.000Z") } } }, qc, null);
    expect(qc.getQueryData(["messages", "t9"])).toBeUndefined();
  });

  it("a view for another thread than the event's is not filed; an event without a view asks for a refetch", () => {
    const qc = client();
    qc.setQueryData<MessageView[]>(["messages", "t1"], []);
    const r = applyLiveEvent({ type: "message.created", id: "1", data: { threadId: "t1", ticketId: "k1", view: { message: msg("x", "t2", "2026-01-02T00:00:00.000Z") } } }, qc, me);
    expect(qc.getQueryData<MessageView[]>(["messages", "t1"])).toEqual([]);
    expect(r.stale).toContainEqual(["messages", "t1"]);
    const bare = applyLiveEvent({ type: "message.created", id: "2", data: { threadId: "t1", ticketId: "k1" } }, qc, me);
    expect(bare.stale).toEqual(expect.arrayContaining([["messages", "t1"], ["queue"]]));
  });
});

describe("applyLiveEvent — attachments", () => {
  it("a verdict shows at once and fetches the file's full view (links, thumbnail), which it cannot derive", () => {
    const qc = client();
    const pending = { id: "f1", status: "PENDING", thumbnailUrl: null, contentUrl: null };
    qc.setQueryData(["attachment", "f1"], pending);
    qc.setQueryData<MessageView[]>(["messages", "t1"], [msg("a", "t1", "2026-01-01T00:00:00.000Z", { attachments: [pending as never] })]);
    const r = applyLiveEvent({ type: "attachment.scanned", id: "7", data: { attachmentId: "f1", threadId: "t1", status: "CLEAN" } }, qc, me);
    expect(qc.getQueryData<{ status: string }>(["attachment", "f1"])!.status).toBe("CLEAN");
    expect(qc.getQueryData<MessageView[]>(["messages", "t1"])![0]!.attachments[0]!.status).toBe("CLEAN");
    expect(r.stale).toEqual(expect.arrayContaining([["attachment", "f1"], ["messages", "t1"]]));
    // A file nobody here shows costs nothing.
    const other = applyLiveEvent({ type: "attachment.scanned", id: "8", data: { attachmentId: "f9", threadId: "t1", status: "CLEAN" } }, qc, me);
    expect(other.stale).not.toContainEqual(["attachment", "f9"]);
    expect(other.stale).not.toContainEqual(["messages", "t1"]);
  });
});

describe("applyLiveEvent — the member's conversation list", () => {
  const summary = (id: string, at: string) => ({ id, subject: null, memberId: "m1", teamId: team, lastMessageAt: at, ticket: null, preview: "before", unread: false });
  it("a reply moves the conversation to the top with its preview and unread; an unknown thread asks for a refresh", () => {
    const qc = client();
    qc.setQueryData<Paged<ThreadListPage>>(["threads"], paged({ items: [summary("t1", "2026-01-03T00:00:00.000Z"), summary("t2", "2026-01-02T00:00:00.000Z")], nextCursor: null }));
    const reply = msg("r", "t2", "2026-01-04T00:00:00.000Z", { body: "  a   reply ", author: { id: "g1", name: "G", role: "CARE_GUIDE" } });
    const r = applyLiveEvent({ type: "message.created", id: "1", data: { threadId: "t2", view: { message: reply } } }, qc, { userId: "m1", teamIds: new Set() });
    expect(r.refreshList).toBe(false);
    const items = qc.getQueryData<Paged<ThreadListPage>>(["threads"])!.pages[0]!.items;
    expect(items.map((t) => t.id)).toEqual(["t2", "t1"]);
    expect(items[0]).toMatchObject({ preview: "a reply", unread: true, lastMessageAt: "2026-01-04T00:00:00.000Z" });
    const other = applyLiveEvent({ type: "message.created", id: "2", data: { threadId: "t9", view: { message: msg("n", "t9", "2026-01-05T00:00:00.000Z") } } }, qc, { userId: "m1", teamIds: new Set() });
    expect(other.refreshList).toBe(true);
  });
});

describe("applyLiveEvent — the queue", () => {
  const seeded = () => {
    const qc = client();
    const rows = [row("t-a", "2026-01-01T01:00:00.000Z"), row("t-c", "2026-01-01T03:00:00.000Z"), row("t-d", null)];
    qc.setQueryData<Paged<QueuePage>>(["queue", "open", null], paged(queuePage(rows)));
    qc.setQueryData<Paged<QueuePage>>(["queue", "unassigned", null], paged(queuePage(rows)));
    qc.setQueryData<Paged<QueuePage>>(["queue", "mine", null], paged(queuePage([], { open: 3, mine: 0, unassigned: 3, all: 3 })));
    return qc;
  };

  it("a member's message updates its row's preview and moves it to its place; counts stay", () => {
    const qc = seeded();
    const updated = { ...row("t-d", "2026-01-01T02:00:00.000Z"), preview: "new words" };
    const r = applyLiveEvent({ type: "message.created", id: "1", data: { threadId: "th-t-d", ticketId: "t-d", view: { message: msg("m", "th-t-d", "2026-01-01T02:00:00.000Z"), ticket: updated } } }, qc, me);
    const data = qc.getQueryData<Paged<QueuePage>>(["queue", "open", null]);
    expect(ids(data)).toEqual(["t-a", "t-d", "t-c"]);
    expect(data!.pages[0]!.items[1]!.preview).toBe("new words");
    expect(data!.pages[0]!.counts).toEqual({ open: 3, mine: 0, unassigned: 3, all: 3 });
    expect(r.stale).not.toContainEqual(["queue"]);
  });

  it("a staff message keeps the row's preview (the view has none)", () => {
    const qc = seeded();
    const { preview: _none, ...noPreview } = row("t-a", "2026-01-01T01:00:00.000Z");
    applyLiveEvent({ type: "message.created", id: "1", data: { threadId: "th-t-a", ticketId: "t-a", view: { ticket: noPreview } } }, qc, me);
    expect(qc.getQueryData<Paged<QueuePage>>(["queue", "open", null])!.pages[0]!.items[0]!.preview).toBe("old preview");
  });

  it("a new ticket is inserted in order in the views it belongs to and counted once", () => {
    const qc = seeded();
    const fresh = row("t-b", "2026-01-01T02:00:00.000Z");
    const event: LiveEvent = { type: "ticket.created", id: "7", data: { threadId: "th-t-b", ticketId: "t-b", status: "NEW", view: { ticket: { ...fresh, status: "NEW" } } } };
    const r = applyLiveEvent(event, qc, me);
    expect(r.stale).toEqual([]);
    const open = qc.getQueryData<Paged<QueuePage>>(["queue", "open", null]);
    expect(ids(open)).toEqual(["t-a", "t-b", "t-c", "t-d"]);
    expect(open!.pages[0]!.counts).toEqual({ open: 4, mine: 0, unassigned: 4, all: 4 });
    expect(ids(qc.getQueryData<Paged<QueuePage>>(["queue", "mine", null]))).toEqual([]);
    expect(qc.getQueryData<Paged<QueuePage>>(["queue", "mine", null])!.pages[0]!.counts.open).toBe(4);
  });

  it("assigning to me moves the row from Unassigned to Mine and moves the counts", () => {
    const qc = seeded();
    const assigned = row("t-c", "2026-01-01T03:00:00.000Z", { assigneeId: "u-me", assignee: { id: "u-me", name: "Me" } });
    applyLiveEvent({ type: "ticket.updated", id: "8", data: { threadId: "th-t-c", ticketId: "t-c", status: "OPEN", assigneeId: "u-me", fromAssigneeId: null, changed: "assigneeId", view: { ticket: assigned } } }, qc, me);
    expect(ids(qc.getQueryData(["queue", "unassigned", null]))).toEqual(["t-a", "t-d"]);
    expect(ids(qc.getQueryData(["queue", "mine", null]))).toEqual(["t-c"]);
    expect(qc.getQueryData<Paged<QueuePage>>(["queue", "open", null])!.pages[0]!.counts).toEqual({ open: 3, mine: 1, unassigned: 2, all: 3 });
  });

  it("a solved ticket leaves the open views; the counts follow the event's own transition", () => {
    const qc = seeded();
    const solved = row("t-a", "2026-01-01T01:00:00.000Z", { status: "SOLVED", waitingSince: null });
    applyLiveEvent({ type: "ticket.updated", id: "9", data: { threadId: "th-t-a", ticketId: "t-a", status: "SOLVED", fromStatus: "OPEN", changed: "status", view: { ticket: solved } } }, qc, me);
    const open = qc.getQueryData<Paged<QueuePage>>(["queue", "open", null])!;
    expect(ids(open)).toEqual(["t-c", "t-d"]);
    expect(open.pages[0]!.counts).toEqual({ open: 2, mine: 0, unassigned: 2, all: 3 });
  });

  it("an assignee change whose previous assignee is unknown cannot be counted: one queue refetch", () => {
    const qc = seeded();
    const r = applyLiveEvent({ type: "ticket.updated", id: "9", data: { ticketId: "t-a", threadId: "th-t-a", status: "OPEN", assigneeId: "u-x", changed: "assigneeId", view: { ticket: row("t-a", "2026-01-01T01:00:00.000Z", { assigneeId: "u-x" }) } } }, qc, me);
    expect(r.stale).toContainEqual(["queue"]);
  });

  it("beyond the loaded range of a queue with more pages, a row waits for scrolling; on the last page it is appended", () => {
    const qc = client();
    qc.setQueryData<Paged<QueuePage>>(["queue", "open", null], paged(queuePage([row("t-a", "2026-01-01T01:00:00.000Z")], undefined, "next")));
    const late = row("t-z", "2026-01-05T00:00:00.000Z");
    applyLiveEvent({ type: "ticket.created", id: "1", data: { ticketId: "t-z", threadId: "th-t-z", status: "OPEN", view: { ticket: late } } }, qc, me);
    expect(ids(qc.getQueryData(["queue", "open", null]))).toEqual(["t-a"]);
    expect(qc.getQueryData<Paged<QueuePage>>(["queue", "open", null])!.pages[0]!.counts.open).toBe(4);
    qc.setQueryData<QueuePage>(["queue", "all", null], queuePage([row("t-a", "2026-01-01T01:00:00.000Z")]));
    applyLiveEvent({ type: "ticket.created", id: "2", data: { ticketId: "t-y", threadId: "th-t-y", status: "OPEN", view: { ticket: row("t-y", "2026-01-06T00:00:00.000Z") } } }, qc, me);
    expect(qc.getQueryData<QueuePage>(["queue", "all", null])!.items.map((i) => i.id)).toEqual(["t-a", "t-y"]);
  });

  it("a ticket of another team (a collaborator's or emergency view) is never filed into the viewer's queue", () => {
    const qc = seeded();
    const foreign = row("t-f", "2026-01-01T00:30:00.000Z", { teamId: otherTeam });
    applyLiveEvent({ type: "ticket.created", id: "1", data: { ticketId: "t-f", threadId: "th-t-f", status: "OPEN", view: { ticket: foreign } } }, qc, me);
    expect(ids(qc.getQueryData(["queue", "open", null]))).toEqual(["t-a", "t-c", "t-d"]);
    expect(qc.getQueryData<Paged<QueuePage>>(["queue", "open", null])!.pages[0]!.counts.open).toBe(3);
  });

  it("a status filter keeps only rows of that status", () => {
    const qc = client();
    qc.setQueryData<Paged<QueuePage>>(["queue", "all", "PENDING"], paged(queuePage([])));
    applyLiveEvent({ type: "ticket.created", id: "1", data: { ticketId: "t-n", threadId: "th-t-n", status: "NEW", view: { ticket: row("t-n", null, { status: "NEW" }) } } }, qc, me);
    expect(ids(qc.getQueryData(["queue", "all", "PENDING"]))).toEqual([]);
  });
});

describe("createLiveApplier", () => {
  it("a burst costs at most one refetch per cache, a repeated event id is applied once, resync refetches everything", async () => {
    vi.useFakeTimers();
    try {
      const qc = client();
      const fetches = { queue: 0, ticket: 0 };
      await qc.prefetchQuery({ queryKey: ["queue", "open", null], queryFn: () => (fetches.queue++, queuePage([])) });
      await qc.prefetchQuery({ queryKey: ["ticket", "k1"], queryFn: () => (fetches.ticket++, {}) });
      const applier = createLiveApplier(qc, me, { flushMs: 100 });
      for (let i = 1; i <= 50; i++) applier.apply({ type: "ticket.updated", id: String(i), data: { ticketId: "k1", threadId: "t1" } });
      applier.apply({ type: "ticket.updated", id: "3", data: { ticketId: "k1", threadId: "t1" } });
      expect(applier.stats.events).toBe(50);
      await vi.advanceTimersByTimeAsync(150);
      expect(applier.stats.refetches).toBe(2);
      applier.resync();
      await vi.advanceTimersByTimeAsync(150);
      expect(applier.stats.refetches).toBe(4);
      applier.dispose();
    } finally {
      vi.useRealTimers();
    }
  });
});
