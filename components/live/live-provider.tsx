"use client";

/**
 * Live updates for a signed-in face (docs/realtime.md): one event stream per tab, whose
 * events update or invalidate the TanStack Query caches that polling used to refresh —
 * the queue and its counts, a thread's messages, ticket detail, attachment status, the
 * "Seen" marker, mentions and notifications. Events carry ids only, so most of them mark
 * a cache stale and the query fetches the data through the API, with its permission checks.
 *
 * Invalidations are gathered for a short moment and sent together, so a burst of events
 * (a busy queue) costs one refetch per cache, not one per event. After a reconnect every
 * cache is refreshed (events may have been missed beyond what the server could replay).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { usePathname, useRouter } from "next/navigation";
import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { typingDisplayMs } from "@/lib/realtime/event-types";
import { LiveContext, liveStatus, type LiveState } from "./live-context";
import { useEventSource, type LiveMessage } from "./use-event-source";
import { staleKeys, str } from "./stale-keys";

const flushMs = 150;

export function LiveEventsProvider({ enabled, children }: { enabled: boolean; children: React.ReactNode }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const pathRef = useRef(pathname);
  pathRef.current = pathname;
  const [connected, setConnected] = useState(false);
  const [typing, setTyping] = useState<ReadonlyMap<string, number>>(new Map());

  const pending = useRef(new Map<string, QueryKey>());
  const refreshList = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const flush = useCallback(() => {
    timer.current = null;
    const keys = [...pending.current.values()];
    pending.current.clear();
    for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
    // The member's conversation list is server-rendered: refresh it in place.
    if (refreshList.current) {
      refreshList.current = false;
      if (pathRef.current === "/messages") router.refresh();
    }
  }, [queryClient, router]);
  const stale = useCallback(
    (keys: QueryKey[]) => {
      for (const k of keys) pending.current.set(JSON.stringify(k), k);
      timer.current ??= setTimeout(flush, flushMs);
    },
    [flush],
  );

  const onEvent = useCallback(
    (event: LiveMessage) => {
      const threadId = str(event.data.threadId);
      if (event.type === "typing" && threadId) {
        setTyping((m) => new Map(m).set(threadId, Date.now() + typingDisplayMs));
        return;
      }
      if (event.type === "read" && threadId) {
        const readAt = str(event.data.readAt);
        if (readAt) {
          queryClient.setQueryData<{ seenAt: string | null }>(["thread-seen", threadId], (old) =>
            old?.seenAt && old.seenAt >= readAt ? old : { seenAt: readAt },
          );
        }
        return;
      }
      if (event.type === "attachment.scanned") {
        const attachmentId = str(event.data.attachmentId);
        const status = str(event.data.status);
        if (attachmentId && status) {
          queryClient.setQueryData<{ status: string }>(["attachment", attachmentId], (old) => (old ? { ...old, status } : old));
        }
      }
      if (event.type === "message.created" && threadId) {
        // A reply arrived: whoever was typing it has finished.
        if (event.data.authorRole !== "MEMBER") {
          setTyping((m) => {
            if (!m.has(threadId)) return m;
            const next = new Map(m);
            next.delete(threadId);
            return next;
          });
        }
        refreshList.current = true;
      }
      if (event.type === "thread.created") refreshList.current = true;
      stale(staleKeys(event));
    },
    [queryClient, stale],
  );

  const onOpen = useCallback(
    (resumed: boolean, resync: boolean) => {
      setConnected(true);
      liveStatus.connected = true;
      // Anything could have happened while we were away: refresh what is on screen.
      if (resumed || resync) {
        void queryClient.invalidateQueries();
        refreshList.current = true;
        stale([]);
      }
    },
    [queryClient, stale],
  );
  const onDown = useCallback(() => {
    setConnected(false);
    liveStatus.connected = false;
  }, []);

  useEventSource("/api/v1/events", enabled, { onEvent, onOpen, onDown });

  // Expire typing indicators.
  useEffect(() => {
    if (typing.size === 0) return;
    const next = Math.min(...typing.values());
    const t = setTimeout(
      () => setTyping((m) => new Map([...m].filter(([, until]) => until > Date.now()))),
      Math.max(50, next - Date.now()),
    );
    return () => clearTimeout(t);
  }, [typing]);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const value = useMemo<LiveState>(() => ({ connected, typing }), [connected, typing]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}
