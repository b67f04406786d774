"use client";

/**
 * The member's conversations, newest activity first, a page at a time: "Load more" or
 * scrolling to the end reaches the oldest. The first page comes from the server; when the
 * server page is refreshed (a live event does that, components/live), the cache follows.
 */
import Link from "next/link";
import { useEffect, useRef } from "react";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/components/api/api-client";
import { RelativeTime } from "@/components/format/relative-time";
import { LoadMore } from "@/components/ui/load-more";
import { threadListKey, threadListPageSize, type ThreadListPage } from "@/lib/api/query-keys";

export function ConversationList({ initial }: { initial: ThreadListPage }) {
  const queryClient = useQueryClient();
  const query = useInfiniteQuery({
    queryKey: threadListKey,
    queryFn: ({ pageParam }) => api.get<ThreadListPage>(`/threads?limit=${threadListPageSize}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    initialData: { pages: [initial], pageParams: [null] },
  });
  // A fresh server render (router.refresh) brings a new first page: refetch what is loaded.
  const first = useRef(initial);
  useEffect(() => {
    if (first.current === initial) return;
    first.current = initial;
    void queryClient.invalidateQueries({ queryKey: threadListKey });
  }, [initial, queryClient]);

  const items = query.data.pages.flatMap((p) => p.items);
  return (
    <div className="space-y-3">
      <ul className="divide-y divide-slate-200 overflow-hidden rounded-2xl border border-slate-200 bg-white">
        {items.map((thread) => (
          <li key={thread.id} data-testid="conversation-row">
            <Link href={`/messages/${thread.id}`} className="flex items-start gap-3 px-4 py-3 hover:bg-slate-50 focus-visible:bg-slate-50">
              <span className="min-w-0 flex-1">
                <span className={`block truncate ${thread.unread ? "font-semibold text-slate-900" : "font-medium text-slate-800"}`}>
                  {thread.subject ?? thread.preview ?? "Conversation"}
                </span>
                {thread.subject && thread.preview && <span className="block truncate text-sm text-slate-600">{thread.preview}</span>}
              </span>
              <span className="flex shrink-0 flex-col items-end gap-1 text-sm text-slate-500">
                <RelativeTime iso={thread.lastMessageAt} />
                {thread.unread && <span className="rounded-full bg-brand-600 px-2 py-0.5 text-xs font-semibold text-white">New</span>}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      {(query.hasNextPage || query.data.pages.length > 1) && (
        <LoadMore
          hasMore={query.hasNextPage}
          loading={query.isFetchingNextPage}
          failed={query.isFetchNextPageError}
          onLoad={() => void query.fetchNextPage()}
          shown={items.length}
          noun="conversations"
        />
      )}
    </div>
  );
}
