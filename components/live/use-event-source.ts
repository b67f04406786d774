"use client";

/**
 * One EventSource on GET /api/v1/events with our own reconnect policy: on any error the
 * source is closed and opened again after an exponential back-off with jitter (1 s → 30 s),
 * resuming from the last event id it saw (`?lastEventId=`, because a new EventSource cannot
 * be given a Last-Event-ID header). `onOpen(resumed)` runs when a stream is ready — resumed
 * is true after a reconnect, when caches should be refreshed.
 */
import { useEffect, useRef } from "react";
import { controlEventTypes, liveEventTypes } from "@/lib/realtime/event-types";

export type LiveMessage = { type: string; id: string | null; data: Record<string, unknown> };

export type EventSourceHandlers = {
  onEvent: (event: LiveMessage) => void;
  onOpen: (resumed: boolean, resync: boolean) => void;
  onDown: () => void;
};

export function backOffMs(attempt: number, random: number = Math.random()): number {
  const base = Math.min(30_000, 1_000 * 2 ** Math.min(attempt, 5));
  return Math.round(base / 2 + (base / 2) * random);
}

export function useEventSource(url: string, enabled: boolean, handlers: EventSourceHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    let source: EventSource | null = null;
    let lastId: string | null = null;
    let attempt = 0;
    let opened = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;

    const connect = () => {
      if (stopped) return;
      const target = lastId ? `${url}?lastEventId=${encodeURIComponent(lastId)}` : url;
      const s = new EventSource(target, { withCredentials: true });
      source = s;
      const track = (e: MessageEvent) => {
        if (e.lastEventId) lastId = e.lastEventId;
      };
      for (const type of controlEventTypes) {
        s.addEventListener(type, (e) => {
          track(e as MessageEvent);
          attempt = 0;
          latest.current.onOpen(opened, type === "resync");
          opened = true;
        });
      }
      for (const type of liveEventTypes) {
        s.addEventListener(type, (e) => {
          const m = e as MessageEvent<string>;
          track(m);
          let data: Record<string, unknown> = {};
          try {
            data = JSON.parse(m.data) as Record<string, unknown>;
          } catch {
            return;
          }
          latest.current.onEvent({ type, id: m.lastEventId || null, data });
        });
      }
      s.onerror = () => {
        s.close();
        if (source !== s || stopped) return;
        source = null;
        latest.current.onDown();
        timer = setTimeout(connect, backOffMs(attempt++));
      };
    };

    connect();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      source?.close();
    };
  }, [url, enabled]);
}
