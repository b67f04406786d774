"use client";

import { useEffect, useRef } from "react";

/**
 * The end of a paged list (queue, conversations, mentions): a "Load more" button — the
 * keyboard and screen-reader way — and, for those who scroll, a trigger that loads the next
 * page when the end of the list comes into view. Shows how many are loaded of how many.
 */
export function LoadMore({
  hasMore,
  loading,
  failed = false,
  onLoad,
  shown,
  total,
  noun,
}: {
  hasMore: boolean;
  loading: boolean;
  failed?: boolean;
  onLoad: () => void;
  shown: number;
  /** The true total in the actor's scope, when the list knows it. */
  total?: number;
  noun: string;
}) {
  const sentinel = useRef<HTMLDivElement>(null);
  const load = useRef(onLoad);
  load.current = onLoad;
  useEffect(() => {
    const el = sentinel.current;
    // Recreated after each load, so a still-visible end loads the next page too.
    if (!el || !hasMore || loading || failed) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) load.current();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasMore, loading, failed]);

  return (
    <div ref={sentinel} className="flex flex-wrap items-center justify-between gap-3 px-1 text-sm text-slate-600" data-testid="load-more">
      <p role="status" aria-live="polite">
        {loading
          ? `Loading more ${noun}…`
          : failed
            ? `More ${noun} could not be loaded.`
            : total !== undefined
              ? `Showing ${shown} of ${total} ${noun}.`
              : hasMore
                ? `Showing ${shown} ${noun}.`
                : `All ${shown} ${noun} shown.`}
      </p>
      {hasMore && (
        <button
          type="button"
          onClick={() => {
            if (!loading) onLoad();
          }}
          // aria-disabled, not disabled: a disabled button drops the keyboard focus.
          aria-disabled={loading}
          className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 shadow-sm hover:bg-slate-50 aria-disabled:opacity-60"
        >
          Load more
        </button>
      )}
    </div>
  );
}
