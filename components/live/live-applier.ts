/**
 * Applies live events to a QueryClient and refetches only what could not be derived, at most
 * once per cache per burst (docs/realtime.md, "The client"). Plain module, no React: the
 * browser's LiveEventsProvider and `npm run bench:console` use the same one.
 */
import type { QueryClient, QueryKey } from "@tanstack/react-query";
import { applyLiveEvent, type LiveEvent, type Viewer } from "./apply-event";

export type LiveApplierOptions = {
  /** Stale caches gathered for this long become one refetch each. */
  flushMs?: number;
  /** The member's server-rendered conversation list should refresh. */
  onRefreshList?: () => void;
};

export type LiveApplier = {
  apply: (event: LiveEvent) => void;
  /** The stream resumed after a gap it may not have replayed, or the server said `resync`: refetch what is shown. */
  resync: () => void;
  setViewer: (viewer: Viewer | null) => void;
  dispose: () => void;
  /** Refetches started (caches that existed when invalidated), for the benchmark. */
  readonly stats: { events: number; refetches: number };
};

const defaultFlushMs = 150;

export function createLiveApplier(queryClient: QueryClient, viewer: Viewer | null, options: LiveApplierOptions = {}): LiveApplier {
  const flushMs = options.flushMs ?? defaultFlushMs;
  const pending = new Map<string, QueryKey>();
  let refreshList = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastId: bigint | null = null;
  let current = viewer;
  const stats = { events: 0, refetches: 0 };

  const flush = () => {
    timer = null;
    const keys = [...pending.values()];
    pending.clear();
    for (const queryKey of keys) {
      // Only caches that exist are fetched again (invalidating a key nobody holds costs nothing).
      stats.refetches += queryClient.getQueriesData({ queryKey }).length;
      void queryClient.invalidateQueries({ queryKey });
    }
    if (refreshList) {
      refreshList = false;
      options.onRefreshList?.();
    }
  };
  const schedule = () => {
    timer ??= setTimeout(flush, flushMs);
  };

  return {
    stats,
    setViewer: (v) => {
      current = v;
    },
    apply(event) {
      // A replayed or repeated event is applied once (the counts would move twice).
      if (event.id !== null && /^\d{1,19}$/.test(event.id)) {
        const id = BigInt(event.id);
        if (lastId !== null && id <= lastId) return;
        lastId = id;
      }
      stats.events++;
      const result = applyLiveEvent(event, queryClient, current);
      for (const k of result.stale) pending.set(JSON.stringify(k), k);
      if (result.refreshList) refreshList = true;
      if (result.stale.length > 0 || result.refreshList) schedule();
    },
    resync() {
      pending.set("[]", []);
      refreshList = true;
      schedule();
    },
    dispose() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
