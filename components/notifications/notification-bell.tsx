"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { notificationLabels } from "@/lib/domain/notifications/schemas";
import { LoadMore } from "@/components/ui/load-more";
import { RelativeTime } from "@/components/format/relative-time";
import { playChime, showDesktopNotification } from "./alert-signal";
import { NotificationPreferencesForm } from "./notification-preferences-form";
import { fetchNotifications, fetchPreferences, markAllRead, markRead, notificationsKey, preferencesKey } from "./notifications-api";

const threadPath = /^\/console\/threads\/([0-9a-f-]{36})/i;

/**
 * The bell in the console header: unread count, the newest alerts with links to their
 * threads, "mark all read" and the alert settings. A disclosure (button + panel) written by
 * hand: no popover primitive is installed, and this needs nothing a menu would add.
 *
 * Opening a thread marks its alerts read: this component watches the path, so thread pages
 * stay as they are. Polls every 15 s until the realtime stream invalidates ["notifications"].
 */
export function NotificationBell() {
  const queryClient = useQueryClient();
  const pathname = usePathname();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const known = useRef<Set<string> | null>(null);
  // Newest alerts first; older pages with "Load more" (or by scrolling the panel to its end).
  const list = useInfiniteQuery({
    queryKey: notificationsKey,
    queryFn: ({ pageParam }) => fetchNotifications(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: 15_000,
  });
  const prefs = useQuery({ queryKey: preferencesKey, queryFn: fetchPreferences, staleTime: 60_000 });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: notificationsKey, exact: true });
  const readOne = useMutation({ mutationFn: markRead, onSettled: refresh });
  const readAll = useMutation({ mutationFn: (threadId?: string) => markAllRead(threadId), onSettled: refresh });

  const data = useMemo(() => (list.data ? { items: list.data.pages.flatMap((p) => p.items) } : undefined), [list.data]);
  // The true total of unread alerts (the server counts them all), not the loaded length.
  const unread = list.data?.pages[0]?.unreadCount ?? 0;

  // The thread on screen: its alerts are read.
  const openThread = pathname ? threadPath.exec(pathname)?.[1]?.toLowerCase() : undefined;
  const unreadHere = Boolean(openThread && data?.items.some((n) => !n.read && n.threadId === openThread));
  const { mutate: readThread } = readAll;
  useEffect(() => {
    if (openThread && unreadHere) readThread(openThread);
  }, [openThread, unreadHere, readThread]);

  // Sound / desktop for alerts that arrived since the last look (never for the first load).
  useEffect(() => {
    if (!data) return;
    const ids = data.items.filter((n) => !n.read).map((n) => n.id);
    if (known.current) {
      const fresh = ids.filter((id) => !known.current!.has(id));
      if (fresh.length > 0) {
        if (prefs.data?.soundEnabled) playChime();
        if (prefs.data?.desktopEnabled) showDesktopNotification(fresh.length);
      }
    }
    known.current = new Set([...(known.current ?? []), ...ids]);
  }, [data, prefs.data]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    const onClick = (e: MouseEvent) => root.current && !root.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unread > 0 ? `Alerts, ${unread} unread` : "Alerts"}
        onClick={() => setOpen((o) => !o)}
        className="relative flex h-9 w-9 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100"
        data-testid="notification-bell"
      >
        <svg aria-hidden viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {unread > 0 && (
          <span data-testid="notification-count" className="absolute -right-0.5 -top-0.5 min-w-[1.1rem] rounded-full bg-red-600 px-1 text-center text-[11px] font-semibold leading-[1.1rem] text-white tabular-nums">
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </button>
      {open && (
        <div id={panelId} role="region" aria-label="Alerts" className="absolute right-0 z-50 mt-2 w-80 max-w-[calc(100vw-1.5rem)] rounded-xl border border-slate-200 bg-white shadow-lg">
          <div className="flex items-center justify-between border-b border-slate-100 px-3 py-2">
            <p className="text-sm font-semibold">Alerts</p>
            <button type="button" disabled={unread === 0 || readAll.isPending} onClick={() => readAll.mutate(undefined)} className="text-xs font-medium text-brand-700 hover:underline disabled:text-slate-400 disabled:no-underline">
              Mark all read
            </button>
          </div>
          <ul className="max-h-80 overflow-y-auto" data-testid="notification-list">
            {!data || data.items.length === 0 ? (
              <li className="px-3 py-4 text-sm text-slate-500">{list.isError ? "Could not load alerts." : "No alerts yet."}</li>
            ) : (
              data.items.map((n) => {
                const content = (
                  <>
                    <span className={`block text-sm ${n.read ? "text-slate-600" : "font-semibold text-slate-900"}`}>
                      {!n.read && <span className="sr-only">Unread: </span>}
                      {notificationLabels[n.type]}
                    </span>
                    <span className="block text-xs text-slate-500">
                      <RelativeTime iso={n.createdAt} />
                    </span>
                  </>
                );
                return (
                  <li key={n.id} data-testid="notification-item" data-type={n.type} className="border-b border-slate-100 last:border-0">
                    {n.href ? (
                      <Link
                        href={n.href}
                        onClick={() => {
                          if (!n.read) readOne.mutate(n.id);
                          setOpen(false);
                        }}
                        className={`block px-3 py-2 hover:bg-slate-50 ${n.read ? "" : "bg-brand-50/40"}`}
                      >
                        {content}
                      </Link>
                    ) : (
                      <div className="px-3 py-2">{content}</div>
                    )}
                  </li>
                );
              })
            )}
            {list.hasNextPage && data && (
              <li className="px-2 py-2">
                <LoadMore
                  hasMore={list.hasNextPage}
                  loading={list.isFetchingNextPage}
                  failed={list.isFetchNextPageError}
                  onLoad={() => void list.fetchNextPage()}
                  shown={data.items.length}
                  noun="alerts"
                />
              </li>
            )}
          </ul>
          <div className="border-t border-slate-100">
            <NotificationPreferencesForm />
          </div>
        </div>
      )}
    </div>
  );
}
