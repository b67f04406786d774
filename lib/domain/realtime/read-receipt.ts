/**
 * The `read` event for "Seen": written with the reader's read marker when a STAFF member's
 * marker moves forward on a thread (messages/list-messages.ts), routed to the member only.
 * Payload: the thread and the time read up to — no reader name or id.
 */
import type { Actor } from "../../access/actor";
import { isStaffRole } from "../../access/roles";
import type { PrismaClient } from "../../db/generated/client";
import { createOutboxEvent } from "../outbox/outbox-event";

export function readReceiptWrites(
  db: PrismaClient,
  actor: Actor,
  thread: { id: string; teamId: string | null; memberId: string },
  previous: Date | null,
  /** The newest member-visible message read; null when the page had none. */
  readUpTo: Date | null,
) {
  if (!isStaffRole(actor.role) || readUpTo === null) return [];
  if (previous && previous.getTime() >= readUpTo.getTime()) return [];
  return [
    createOutboxEvent(db, {
      type: "read",
      teamId: thread.teamId,
      threadId: thread.id,
      memberId: thread.memberId,
      payload: { threadId: thread.id, readAt: readUpTo.toISOString() },
    }),
  ];
}
