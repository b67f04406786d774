"use client";

import { useCallback, useRef } from "react";
import { typingThrottleMs } from "@/lib/realtime/event-types";
import { useLive } from "./live-context";

/** True while someone on staff is typing a reply on this thread (for ~5 s after their last keystroke report). */
export function useSomeoneTyping(threadId: string): boolean {
  const until = useLive().typing.get(threadId);
  return until !== undefined && until > Date.now();
}

/**
 * Announces "typing" for a staff REPLY, at most every couple of seconds. Internal notes are
 * never announced: nothing is sent in note mode, and the server refuses a note anyway (it
 * requires the composer's visibility). Failures are ignored: it is a hint.
 */
export function useAnnounceTyping(threadId: string, visibility: "member" | "internal"): () => void {
  const last = useRef(0);
  return useCallback(() => {
    if (visibility !== "member") return;
    const now = Date.now();
    if (now - last.current < typingThrottleMs) return;
    last.current = now;
    void fetch(`/api/v1/threads/${threadId}/typing`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ visibility }),
    }).catch(() => undefined);
  }, [threadId, visibility]);
}
