/**
 * Server-Sent Events framing and the stream of one connection (GET /api/v1/events).
 *
 * Each outbox event goes out as `id: <delivery seq>` / `event: <type>` / `data: <json>`;
 * typing has no `id` line (the browser keeps its last id, so typing never moves the replay
 * position). `data` is the payload (ids, status values, times) plus the thread id.
 */
import type { Actor } from "../access/actor";
import { getEnv } from "../env";
import { getRelay, type RealtimeRelay, type Subscriber } from "./relay";
import type { RoutedEvent } from "./routing";
import type { LiveAudience } from "./event-views";
import { int8Max } from "../domain/shared/bounds";

const encoder = new TextEncoder();

/**
 * One event goes to many streams: format and encode it once per audience (events are never
 * mutated), so a view is serialized once per event and audience, never per connection.
 */
const frames = new WeakMap<RoutedEvent, Map<LiveAudience | "none", Uint8Array>>();
function frameOf(event: RoutedEvent, audience: LiveAudience | null): Uint8Array {
  let byAudience = frames.get(event);
  if (!byAudience) {
    byAudience = new Map();
    frames.set(event, byAudience);
  }
  let frame = byAudience.get(audience ?? "none");
  if (!frame) {
    frame = encoder.encode(formatSseEvent(event.type, eventData(event, audience), event.seq));
    byAudience.set(audience ?? "none", frame);
  }
  return frame;
}

export function formatSseEvent(type: string, data: unknown, id: bigint | null): string {
  // JSON never contains a raw newline, so one `data:` line is always enough.
  return `${id !== null ? `id: ${id}\n` : ""}event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The payload and thread id, plus `view`: what the receiver's audience may see of the row (the relay chose the audience). */
export function eventData(event: RoutedEvent, audience: LiveAudience | null = null): Record<string, unknown> {
  const view = audience ? event.views?.[audience] : undefined;
  return { ...event.payload, threadId: event.threadId, ...(view ? { view } : {}) };
}

/** A last-event id from the header or the query (a client reconnecting by hand cannot set headers on EventSource). */
export function parseLastEventId(header: string | null, query: string | null): bigint | null {
  const raw = (header ?? query ?? "").trim();
  if (!/^\d{1,19}$/.test(raw)) return null;
  const id = BigInt(raw);
  // ⚠ 19 digits can exceed PostgreSQL's bigint (docs/security.md "Input hygiene"): such an id
  // is no event of ours, treated like no id at all, never sent to the database (a 500).
  return id <= int8Max ? id : null;
}

export type EventStreamOptions = {
  actor: Actor;
  recheck: () => Promise<Actor | null>;
  lastEventId: bigint | null;
  signal?: AbortSignal;
  /** This process's relay unless given (the benchmark runs two, standing for two instances). */
  relay?: RealtimeRelay;
  /**
   * Bytes queued for this client beyond which it counts as stuck: the stream is closed and
   * the client resumes with Last-Event-ID (replay). Default EVENT_STREAM_BUFFER_BYTES (1 MiB).
   * Bounds the memory one slow or malicious reader can pin.
   */
  maxBufferedBytes?: number;
};

/** The body of one event stream; resolves once the relay has accepted the subscription. */
export async function openEventStream(options: EventStreamOptions): Promise<ReadableStream<Uint8Array>> {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  let stop: (() => void) | null = null;
  const maxBufferedBytes = options.maxBufferedBytes ?? getEnv().EVENT_STREAM_BUFFER_BYTES;
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
    { highWaterMark: maxBufferedBytes, size: (chunk) => chunk.byteLength },
  );
  const write = (text: string | Uint8Array): boolean => {
    if (closed) return false;
    try {
      controller.enqueue(typeof text === "string" ? encoder.encode(text) : text);
    } catch {
      closed = true;
      return false;
    }
    // ⚠ desiredSize at or below zero: maxBufferedBytes are waiting for a client that does not
    // read. The relay then closes the stream; the client reconnects and replays.
    return (controller.desiredSize ?? 0) > 0;
  };
  const sub: Subscriber = {
    actor: options.actor,
    recheck: options.recheck,
    send: (event, audience) => write(frameOf(event, audience)),
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
