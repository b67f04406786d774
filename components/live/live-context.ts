"use client";

import { createContext, useContext } from "react";

export type LiveState = {
  /** True while a stream is open; when false, the slow safety refetch is all there is. */
  connected: boolean;
  /** Threads where someone on staff is typing a reply → until when (epoch ms). */
  typing: ReadonlyMap<string, number>;
};

export const LiveContext = createContext<LiveState>({ connected: false, typing: new Map() });

export function useLive(): LiveState {
  return useContext(LiveContext);
}

/**
 * The slow safety refetch kept under live updates (DESIGN: events replace polling; a
 * missed event is still corrected within a minute).
 */
export const safetyRefetchMs = 60_000;

/**
 * Whether this tab's event stream is open, for code that is not a component (query
 * options built outside React, e.g. attachment polling). Set by LiveEventsProvider.
 */
export const liveStatus = { connected: false };
