/**
 * Where the notification pass stands in the outbox (docs/notifications.md). Pure.
 *
 * Outbox ids come from a sequence taken *inside* the writing transaction, so they do not
 * follow commit order: id 41 may commit after 42 has been read. A plain "highest id read"
 * cursor would skip 41 for ever. So the cursor keeps, besides the highest id seen, the ids
 * below it that were missing when it passed them ("gaps"): each later pass reads them again,
 * and a gap that stays empty for `gapTtlMs` is taken for a rolled-back transaction (a lost
 * send race, a failed write — sequences never give values back) and forgotten.
 */
export type CursorState = {
  /** The highest outbox id handled (bigint as a decimal string). */
  seen: string;
  /** Ids below `seen` not yet committed when passed → when they were first missed (ms). */
  gaps: Record<string, number>;
};

/** A transaction holding an outbox id for longer than this is taken to have rolled back. */
export const gapTtlMs = 2 * 60_000;
/** A bound on the state's size (a burst of rollbacks); beyond it the oldest gaps are dropped. */
export const maxGaps = 2_000;

export type CursorStep = { handle: bigint[]; next: CursorState };

/**
 * Given the ids a pass read (`id > seen OR id IN gaps`, ascending, possibly limited), which to
 * handle now and the state after handling them.
 */
export function stepCursor(state: CursorState, readIds: readonly bigint[], nowMs: number): CursorStep {
  const seen = BigInt(state.seen);
  const gaps = new Map(Object.entries(state.gaps).map(([id, t]) => [BigInt(id), t]));
  const handle: bigint[] = [];
  const read = new Set(readIds);
  let top = seen;
  for (const id of readIds) {
    if (id > seen) {
      handle.push(id);
      if (id > top) top = id;
    } else if (gaps.has(id)) {
      handle.push(id);
      gaps.delete(id);
    }
  }
  // Ids skipped between the old and the new top were not visible: remember them.
  for (let id = seen + 1n; id < top; id++) {
    if (!read.has(id)) gaps.set(id, nowMs);
  }
  for (const [id, firstMissed] of gaps) {
    if (nowMs - firstMissed > gapTtlMs) gaps.delete(id);
  }
  const kept = [...gaps.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).slice(-maxGaps);
  return { handle, next: { seen: top.toString(), gaps: Object.fromEntries(kept.map(([id, t]) => [id.toString(), t])) } };
}

export function gapIds(state: CursorState): string[] {
  return Object.keys(state.gaps);
}
