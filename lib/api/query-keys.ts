/**
 * The browser's TanStack Query caches of paged lists: their keys and the shape of their data,
 * in one place so the code that fills them (components/thread, components/queue, …) and the
 * code that applies live events to them (components/live) agree. No server-only imports.
 *
 * Every list below is an INFINITE query (useInfiniteQuery): its data is
 * `InfiniteData<Page, Cursor>` = `{ pages: Page[], pageParams: Cursor[] }`, `pageParams[0]`
 * is null (the first page), `pageParams[i]` is the cursor that fetched `pages[i]` (the
 * previous page's `nextCursor`). Invalidating a key refetches every loaded page in turn
 * (TanStack recomputes each cursor from the freshly fetched page, so no gap opens).
 *
 * Threads' messages are the one list that runs BACKWARD in time:
 *   - `pages[0]` is the NEWEST page; `pages[i + 1]` holds older messages than `pages[i]`.
 *   - Within a page `items` run oldest → newest (the order they are displayed in).
 *   - The display order of the whole thread is `pages` reversed, then concatenated
 *     (flattenMessages below).
 *   - A new message (live event, a send) belongs at the END of `pages[0].items`
 *     (appendMessage below: it skips ids already present and keeps time order).
 */
import type { InfiniteData, QueryKey } from "@tanstack/react-query";
import type { MessageView } from "@/lib/domain/messages/schemas";
import type { QueueCounts, QueueItem } from "@/lib/domain/tickets/schemas";
import type { MentionItem } from "@/lib/domain/collaborators/schemas";
import type { NotificationList } from "@/lib/domain/notifications/schemas";
import type { ThreadSummary } from "@/lib/domain/threads/list-threads";

/** A page of any v1 list (DESIGN.md §5). */
export type ListPage<T> = { items: T[]; nextCursor: string | null };
export type Paged<P> = InfiniteData<P, string | null>;

/** GET /threads/{id}/messages[?before=]: see the header for the order. */
export type MessagePage = ListPage<MessageView>;
/** Messages per page in the thread views (the server renders the first page with it too). */
export const threadPageSize = 50;
export const messagesKey = (threadId: string): QueryKey => ["messages", threadId];

/** GET /tickets?view=&status=: pages in queue order (longest waiting first); `counts` are the views' true totals (take pages[0]). */
export type QueuePage = ListPage<QueueItem> & { counts: QueueCounts };
/** Tickets per page in the console queue (the server renders the first page with it too). */
export const queuePageSize = 100;
/** The prefix ["queue"] matches every view and filter. */
export const queueKey = (view: string, status: string | null): QueryKey => ["queue", view, status];

/** GET /threads (the member's conversation list): newest activity first. */
export type ThreadListPage = ListPage<ThreadSummary>;
export const threadListKey: QueryKey = ["threads"];
export const threadListPageSize = 50;

/** GET /mentions: newest mention first. */
export type MentionsPage = ListPage<MentionItem>;
export const mentionsKey: QueryKey = ["mentions"];

/**
 * GET /notifications (the console's bell): newest first, 20 a page; `unreadCount` on every
 * page is the true total (take pages[0]). Key and fetcher: components/notifications/notifications-api.ts
 * (["notifications"]; ["notifications", "preferences"] is a plain query beside it).
 */
export type NotificationsPage = NotificationList;

/** The thread's messages in display order (oldest first). */
export function flattenMessages(data: { pages: MessagePage[] } | undefined): MessageView[] {
  if (!data) return [];
  const out: MessageView[] = [];
  for (let i = data.pages.length - 1; i >= 0; i--) out.push(...data.pages[i]!.items);
  return out;
}

/**
 * The cache with `message` added to the newest page (a send or a live event), or unchanged
 * when it is already there (by id). Keeps time order if it arrives out of order.
 */
export function appendMessage(data: Paged<MessagePage> | undefined, message: MessageView): Paged<MessagePage> | undefined {
  if (!data || data.pages.length === 0) return data;
  if (data.pages.some((p) => p.items.some((m) => m.id === message.id))) return data;
  const [newest, ...older] = data.pages;
  const items = [...newest!.items, message].sort((a, b) => (a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt < b.createdAt ? -1 : 1));
  return { ...data, pages: [{ ...newest!, items }, ...older] };
}
