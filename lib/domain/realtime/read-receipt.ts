/**
 * The `read` event for "Seen": written with the reader's read marker when a STAFF member's
 * marker moves forward on a thread (messages/list-messages.ts), routed to the member only.
 * Payload: the thread and the time read up to — no reader name or id.
 */
import type { Actor } from "../../access/actor";
import { isStaffRole } from "../../access/roles";
import type { PrismaClient } from "../../db/generated/client";
import { createOutboxEvent, type OutboxEvent } from "../outbox/outbox-event";

/**
 * The event to write, or null when none is due: the reader is not staff, the page held no
 * member-visible message, or the marker does not move past it. The one place that decides;
 * readReceiptWrites (Prisma batch) and list-messages' raw write both use it.
 */
export function readReceiptEvent(
  actor: Pick<Actor, "role">,
  thread: { id: string; teamId: string | null; memberId: string },
  previous: Date | null,
  /** The newest member-visible message read; null when the page had none. */
  readUpTo: Date | null,
): OutboxEvent | null {
  if (!isStaffRole(actor.role) || readUpTo === null) return null;
  if (previous && previous.getTime() >= readUpTo.getTime()) return null;
  return {
    type: "read",
    teamId: thread.teamId,
    threadId: thread.id,
    memberId: thread.memberId,
    payload: { threadId: thread.id, readAt: readUpTo.toISOString() },
  };
}

/** readReceiptEvent as unexecuted Prisma writes, for a change's `$transaction([...])`. */
export function readReceiptWrites(
  db: PrismaClient,
  actor: Actor,
  thread: { id: string; teamId: string | null; memberId: string },
  previous: Date | null,
  readUpTo: Date | null,
) {
  const event = readReceiptEvent(actor, thread, previous, readUpTo);
  return event ? [createOutboxEvent(db, event)] : [];
}
