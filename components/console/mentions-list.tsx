"use client";

/**
 * The console's Mentions view: conversations where a colleague @mentioned the viewer and
 * that the viewer can still open, newest mention first, a page at a time ("Load more" or
 * scrolling to the end). Live mention events refresh it; the half-minute poll is the safety net.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useInfiniteQuery } from "@tanstack/react-query";
import { api } from "@/components/api/api-client";
import { mentionsKey, type MentionsPage } from "@/lib/api/query-keys";
import { LoadMore } from "@/components/ui/load-more";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { RelativeTime } from "@/components/format/relative-time";

export function MentionsList({ initial, limit, now }: { initial: MentionsPage; limit: number; now: number }) {
  const router = useRouter();
  const query = useInfiniteQuery({
    queryKey: mentionsKey,
    queryFn: ({ pageParam }) => api.get<MentionsPage>(`/mentions?limit=${limit}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    initialData: { pages: [initial], pageParams: [null] },
    refetchInterval: 30_000,
  });
  const items = query.data.pages.flatMap((p) => p.items);
  const current = query.dataUpdatedAt || now;

  return (
    <section aria-labelledby="mentions-heading" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 id="mentions-heading" className="text-2xl font-semibold tracking-tight">
          Mentions
        </h1>
        {query.isError && !query.isFetchNextPageError && (
          <p role="status" className="text-sm text-amber-800">
            Could not refresh; showing the last known mentions.
          </p>
        )}
      </div>
      {items.length === 0 ? (
        <EmptyState title="No mentions">When a colleague mentions you with @ in an internal note, the conversation appears here.</EmptyState>
      ) : (
        <DataTable fixed columns={[{ label: "Member", className: "w-44" }, { label: "Conversation" }, { label: "State", className: "w-28" }, { label: "Mentioned", className: "w-32 text-right" }]}>
          {items.map((m) => (
            <tr key={m.threadId} className="cursor-pointer hover:bg-slate-50" onClick={() => router.push(`/console/threads/${m.threadId}`)} data-testid="mention-row">
              <td className="truncate px-4 py-2.5 font-medium text-slate-900">
                <Link href={`/console/threads/${m.threadId}`} className="hover:underline" onClick={(e) => e.stopPropagation()}>
                  {m.member.name}
                </Link>
              </td>
              <td className="px-4 py-2.5">
                <span className="block truncate font-medium text-slate-800">{m.subject ?? "Conversation"}</span>
                <span className="block truncate text-slate-500">
                  {m.team?.name ?? "Triage"}
                  {m.mentionCount > 1 && ` · mentioned ${m.mentionCount} times`}
                </span>
              </td>
              <td className="px-4 py-2.5">{m.ticket ? <StatusBadge status={m.ticket.status} /> : <span className="text-slate-400">—</span>}</td>
              <td className="px-4 py-2.5 text-right text-slate-700">
                <RelativeTime iso={m.mentionedAt} now={current} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {items.length > 0 && (query.hasNextPage || query.data.pages.length > 1) && (
        <LoadMore
          hasMore={query.hasNextPage}
          loading={query.isFetchingNextPage}
          failed={query.isFetchNextPageError}
          onLoad={() => void query.fetchNextPage()}
          shown={items.length}
          noun="conversations"
        />
      )}
    </section>
  );
}
