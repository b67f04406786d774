/**
 * The realtime events as the browser receives them from GET /api/v1/events (docs/realtime.md).
 * Shared by the server and the client: no server-only imports here.
 *
 * ⚠ SECURITY: payloads hold ids, status values and times only — never bodies, subjects or
 * names (lib/domain/outbox/outbox-event.ts refuses such keys before a row is written). The
 * one part with contents is `view`, what the receiver's audience may see of the changed row
 * (lib/realtime/event-views.ts), read at delivery and chosen per receiver after the
 * permission check — never stored in the outbox.
 */
export const liveEventTypes = [
  "message.created",
  "thread.created",
  "ticket.created",
  "ticket.updated",
  "mention.created",
  "collaborator.removed",
  "attachment.scanned",
  // Staff opened the thread up to a message (to the member only).
  "read",
  // Ephemeral: a staff member is writing a reply (never for internal notes). No id, never replayed.
  "typing",
] as const;

export type LiveEventType = (typeof liveEventTypes)[number];

export type LivePayload = Record<string, string | number | boolean | null>;

/**
 * Control events of the stream itself:
 *  - `ready`: first event of every connection; its id is the stream position, so a client
 *    that reconnects before any other event still resumes from the right place;
 *  - `resync`: the gap since `Last-Event-ID` could not be replayed (too old, too large, or
 *    the id is unknown): the client must refetch what it shows.
 */
export const controlEventTypes = ["ready", "resync"] as const;
export type ControlEventType = (typeof controlEventTypes)[number];

/** How long the member's "typing…" indicator lasts after the last typing event. */
export const typingDisplayMs = 5_000;
/** Staff clients announce typing at most this often; the server throttles the same way. */
export const typingThrottleMs = 2_500;
