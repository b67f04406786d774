/**
 * Server-Sent Events framing and the stream of one connection (GET /api/v1/events).
 *
 * Each outbox event goes out as `id: <delivery seq>` / `event: <type>` / `data: <json>`;
 * typing has no `id` line (the browser keeps its last id, so typing never moves the replay
 * position). `data` is the payload (ids, status values, times) plus the thread id.
 */
import type { Actor } from "../access/actor";
import { getRelay, type RealtimeRelay, type Subscriber } from "./relay";
import type { RoutedEvent } from "./routing";

const encoder = new TextEncoder();

/** One event goes to many streams: format and encode it once (events are never mutated). */
const frames = new WeakMap<RoutedEvent, Uint8Array>();
function frameOf(event: RoutedEvent): Uint8Array {
  let frame = frames.get(event);
  if (!frame) {
    frame = encoder.encode(formatSseEvent(event.type, eventData(event), event.seq));
    frames.set(event, frame);
  }
  return frame;
}

/** Queued bytes beyond which a client is considered stuck and disconnected (it will replay). */
const maxQueuedBytes = 8_000_000;

export function formatSseEvent(type: string, data: unknown, id: bigint | null): string {
  // JSON never contains a raw newline, so one `data:` line is always enough.
  return `${id !== null ? `id: ${id}\n` : ""}event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function eventData(event: RoutedEvent): Record<string, unknown> {
  return { ...event.payload, threadId: event.threadId };
}

/** A last-event id from the header or the query (a client reconnecting by hand cannot set headers on EventSource). */
export function parseLastEventId(header: string | null, query: string | null): bigint | null {
  const raw = (header ?? query ?? "").trim();
  if (!/^\d{1,19}$/.test(raw)) return null;
  return BigInt(raw);
}

export type EventStreamOptions = {
  actor: Actor;
  recheck: () => Promise<Actor | null>;
  lastEventId: bigint | null;
  signal?: AbortSignal;
  /** This process's relay unless given (the benchmark runs two, standing for two instances). */
  relay?: RealtimeRelay;
};

/** The body of one event stream; resolves once the relay has accepted the subscription. */
export async function openEventStream(options: EventStreamOptions): Promise<ReadableStream<Uint8Array>> {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  let stop: (() => void) | null = null;
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      cancel() {
        closed = true;
        stop?.();
      },
    },
    { highWaterMark: maxQueuedBytes, size: (chunk) => chunk.byteLength },
  );
  const write = (text: string | Uint8Array): boolean => {
    if (closed) return false;
    try {
      controller.enqueue(typeof text === "string" ? encoder.encode(text) : text);
    } catch {
      closed = true;
      return false;
    }
    // desiredSize below zero: the client is not reading; let it reconnect and replay.
    return (controller.desiredSize ?? 0) > 0;
  };
  const sub: Subscriber = {
    actor: options.actor,
    recheck: options.recheck,
    send: (event) => write(frameOf(event)),
    control: (type, id) => void write(formatSseEvent(type, {}, id)),
    heartbeat: () => write(`: keep-alive ${Date.now()}\n\n`),
    close: () => {
      if (closed) return;
      closed = true;
      try {
        controller.close();
      } catch {
        // already closed by the client
      }
    },
  };
  // The browser waits this long before its own reconnect after a clean close.
  write("retry: 3000\n\n");
  // Listen for the client going away BEFORE the (possibly long) replay: a client that leaves
  // during it must not stay subscribed.
  options.signal?.addEventListener("abort", () => {
    closed = true;
    stop?.();
  });
  stop = await (options.relay ?? getRelay()).subscribe(sub, options.lastEventId);
  if (closed || options.signal?.aborted) {
    closed = true;
    stop();
  }
  return stream;
}
