"use client";

/**
 * Live updates for a signed-in face (docs/realtime.md): one event stream per tab. Events
 * carry what this viewer may see of the changed row, and live-applier.ts files them straight
 * into the TanStack Query caches (the message on the thread's newest page, the queue row in
 * every loaded view, the counts); only what it cannot derive is refetched, gathered so a
 * burst costs at most one refetch per cache. A reconnect replays what was missed; only
 * `resync` (a gap beyond the replay window) refetches everything shown.
 * Typing hints are UI state, kept here.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { usePathname, useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { typingDisplayMs } from "@/lib/realtime/event-types";
import { LiveContext, liveStatus, type LiveState } from "./live-context";
import { useEventSource, type LiveMessage } from "./use-event-source";
import { createLiveApplier } from "./live-applier";
import { str } from "./apply-event";

export type LiveViewer = { userId: string; teamIds: readonly string[] };

export function LiveEventsProvider({ enabled, viewer, children }: { enabled: boolean; viewer?: LiveViewer; children: React.ReactNode }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const pathRef = useRef(pathname);
  pathRef.current = pathname;
  const [connected, setConnected] = useState(false);
  const [typing, setTyping] = useState<ReadonlyMap<string, number>>(new Map());

  // One applier per query client; the viewer is handed over on change.
  const applier = useMemo(
    () =>
      createLiveApplier(queryClient, null, {
        // The member's conversation list is server-rendered: refresh it in place.
        onRefreshList: () => {
          if (pathRef.current === "/messages") router.refresh();
        },
      }),
    [queryClient, router],
  );
  const viewerKey = viewer ? `${viewer.userId}:${viewer.teamIds.join(",")}` : "";
  useEffect(() => {
    // viewerKey stands for viewer (a new array on every render of the server layout's props).
    applier.setViewer(viewerKey ? { userId: viewer!.userId, teamIds: new Set(viewer!.teamIds) } : null);
  }, [applier, viewerKey]);
  useEffect(() => () => applier.dispose(), [applier]);

  const handlers = useMemo(
    () => ({
      onEvent: (event: LiveMessage) => {
        const threadId = str(event.data.threadId);
        if (event.type === "typing") {
          if (threadId) setTyping((m) => new Map(m).set(threadId, Date.now() + typingDisplayMs));
          return;
        }
        // A reply arrived: whoever was typing it has finished.
        if (event.type === "message.created" && threadId && event.data.authorRole !== "MEMBER") {
          setTyping((m) => {
            if (!m.has(threadId)) return m;
            const next = new Map(m);
            next.delete(threadId);
            return next;
          });
        }
        applier.apply(event);
      },
      onOpen: (_resumed: boolean, resync: boolean) => {
        setConnected(true);
        liveStatus.connected = true;
        // A resumed stream replays every missed event (with its view) from Last-Event-ID, so
        // the caches catch up by themselves. Only a gap the server could not replay
        // (`resync`: too old, too large, unknown id) refreshes everything shown — once.
        if (resync) applier.resync();
      },
      onDown: () => {
        setConnected(false);
        liveStatus.connected = false;
      },
    }),
    [applier],
  );

  useEventSource("/api/v1/events", enabled, handlers);

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

  const value = useMemo<LiveState>(() => ({ connected, typing }), [connected, typing]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}
