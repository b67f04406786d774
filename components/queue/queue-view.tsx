"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useInfiniteQuery } from "@tanstack/react-query";
import { api } from "@/components/api/api-client";
import { queueKey, queuePageSize, type QueuePage } from "@/lib/api/query-keys";
import { LoadMore } from "@/components/ui/load-more";
import { StatusBadge } from "@/components/ui/status-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDuration } from "@/components/format/duration";
import { priorityLabels, statusLabels } from "@/components/format/ticket-labels";
import { DataTable } from "@/components/ui/data-table";
import { safetyRefetchMs } from "@/components/live/live-context";
import { SlaTimeLeft } from "@/components/sla/sla-time-left";

const views = [
  { id: "open", label: "All open" },
  { id: "mine", label: "Assigned to me" },
  { id: "unassigned", label: "Unassigned" },
  { id: "all", label: "Everything" },
] as const;

const statusFilters = ["NEW", "OPEN", "PENDING", "ON_HOLD", "SOLVED", "CLOSED"] as const;

export function QueueView({
  initial,
  view,
  status,
  now,
}: {
  initial: QueuePage;
  view: (typeof views)[number]["id"];
  status: (typeof statusFilters)[number] | null;
  now: number;
}) {
  const router = useRouter();
  const search = useSearchParams();
  // Pages in queue order (longest waiting first), loaded as the list is scrolled to its end
  // or with "Load more"; lib/api/query-keys.ts describes the cache for live updates.
  const query = useInfiniteQuery({
    queryKey: queueKey(view, status),
    queryFn: ({ pageParam }) =>
      api.get<QueuePage>(
        `/tickets?view=${view}&limit=${queuePageSize}${status ? `&status=${status}` : ""}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    initialData: { pages: [initial], pageParams: [null] },
    // Live events invalidate the queue (components/live); this is only the safety net.
    refetchInterval: safetyRefetchMs,
  });
  const items = query.data.pages.flatMap((p) => p.items);
  // The views' true totals (not the loaded length): the first page is always fetched first.
  const counts = query.data.pages[0]!.counts;
  const current = query.dataUpdatedAt || now;

  return (
    <section aria-labelledby="queue-heading" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 id="queue-heading" className="text-2xl font-semibold tracking-tight">
          Queue
        </h1>
        {query.isError && !query.isFetchNextPageError && (
          <p role="status" className="text-sm text-amber-800">
            Could not refresh; showing the last known queue.
          </p>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-3">
      <nav aria-label="Queue filters" className="flex flex-wrap gap-1 rounded-xl bg-slate-100 p-1">
        {views.map((v) => {
          const active = v.id === view;
          const params = new URLSearchParams(search);
          params.set("view", v.id);
          return (
            <Link
              key={v.id}
              href={`/console?${params}`}
              aria-current={active ? "page" : undefined}
              className={`rounded-lg px-3 py-1.5 text-sm font-medium ${active ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
            >
              {v.label} <span className="ml-1 rounded-full bg-slate-200 px-1.5 text-xs tabular-nums text-slate-700">{counts[v.id]}</span>
            </Link>
          );
        })}
      </nav>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          State
          <select
            value={status ?? ""}
            onChange={(e) => {
              const params = new URLSearchParams(search);
              if (e.target.value) params.set("status", e.target.value);
              else params.delete("status");
              router.push(`/console?${params}`);
            }}
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            <option value="">Any state</option>
            {statusFilters.map((s) => (
              <option key={s} value={s}>
                {statusLabels[s]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {items.length === 0 ? (
        <EmptyState title="Nothing here">{view === "mine" ? "No open tickets are assigned to you." : "New conversations from members appear here."}</EmptyState>
      ) : (
        <DataTable fixed columns={[{ label: "Member", className: "w-44" }, { label: "Conversation" }, { label: "State", className: "w-28" }, { label: "Assignee", className: "w-40" }, { label: "Waiting", className: "w-28 text-right" }, { label: "Target", className: "w-32 text-right" }]}>
              {items.map((t) => (
                <tr
                  key={t.id}
                  className="cursor-pointer hover:bg-slate-50"
                  onClick={() => router.push(`/console/threads/${t.threadId}`)}
                  data-testid="queue-row"
                >
                  <td className="truncate px-4 py-2.5 font-medium text-slate-900">
                    <Link href={`/console/threads/${t.threadId}`} className="hover:underline" onClick={(e) => e.stopPropagation()}>
                      {t.member.name}
                    </Link>
                  </td>
                  <td className="px-4 py-2.5">
                    <span className="block truncate font-medium text-slate-800">
                      {t.priority === "URGENT" || t.priority === "HIGH" ? (
                        <span className="mr-1.5 rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-800">{priorityLabels[t.priority]}</span>
                      ) : null}
                      {t.subject ?? "Conversation"}
                    </span>
                    {t.preview && <span className="block truncate text-slate-500">{t.preview}</span>}
                  </td>
                  <td className="px-4 py-2.5">
                    <StatusBadge status={t.status} />
                  </td>
                  <td className="truncate px-4 py-2.5 text-slate-700">{t.assignee?.name ?? <span className="text-slate-400">Unassigned</span>}</td>
                  <td className="px-4 py-2.5 text-right tabular-nums text-slate-700">
                    {t.waitingSince ? formatDuration(current - new Date(t.waitingSince).getTime()) : <span className="text-slate-400">—</span>}
                  </td>
                  <td className="px-4 py-2.5 text-right tabular-nums" data-testid="queue-sla">
                    <SlaTimeLeft sla={t.sla} now={current} />
                  </td>
                </tr>
              ))}
        </DataTable>
      )}
      {items.length > 0 && (
        <LoadMore
          hasMore={query.hasNextPage}
          loading={query.isFetchingNextPage}
          failed={query.isFetchNextPageError}
          onLoad={() => void query.fetchNextPage()}
          shown={items.length}
          {...(status ? {} : { total: counts[view] })}
          noun="tickets"
        />
      )}
    </section>
  );
}
