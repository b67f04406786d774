/**
 * Builds the outbox row for a realtime event, to be written in the same transaction as the
 * change it announces (DESIGN.md §3). The relay stamps the delivery order after commit and
 * filters each event by permission on delivery, using the routing columns.
 *
 * ⚠ SECURITY: an event travels to browsers. Its payload holds ids and status values only —
 * never message bodies, subjects, names or anything else a person wrote.
 *
 * Routing rule kept here, not left to callers: `memberId` routes an event to the member, so
 * it is set only on events a member may receive — thread.created and message.created of a
 * member-visible message (and `read`). Ticket events and internal notes carry no memberId; staff
 * receive them through teamId / threadId.
 */
import type { Prisma, PrismaClient } from "../../db/generated/client";

export type OutboxEventType =
  | "message.created"
  | "ticket.created"
  | "ticket.updated"
  | "thread.created"
  | "attachment.scanned"
  // Collaboration: routed to the one person concerned through `userId`.
  | "mention.created"
  | "collaborator.removed"
  // Staff opened the thread up to a message: to the member only ("Seen").
  | "read"
  // A user's access changed (deactivated, signed out, role, teams, key revoked): that user's
  // open streams re-check their receiver before delivering anything later. Never sent to a
  // browser (lib/domain/realtime/scope-changed-event.ts).
  | "scope.changed";

/** Ids, status values, counts, flags. */
export type OutboxPayload = Record<string, string | number | boolean | null>;

export type OutboxEvent = {
  type: OutboxEventType;
  teamId: string | null;
  threadId: string | null;
  memberId: string | null;
  /** Routes an event to one staff user (the person mentioned, the collaborator removed). */
  userId?: string | null;
  payload: OutboxPayload;
};

/** Payload keys that would carry contents; refused outright so a slip fails in tests, not in production. */
const forbiddenKeys = new Set(["body", "text", "subject", "name", "email", "preview", "note", "content", "displayname", "reason"]);

function reachesMember(event: OutboxEvent): boolean {
  if (event.type === "thread.created" || event.type === "read") return true;
  if (event.type === "message.created") return event.payload.visibility === "member";
  // The member who uploaded it, or whose member-visible message carries it.
  if (event.type === "attachment.scanned") return event.payload.memberVisible === true;
  return false;
}

export function outboxEventData(event: OutboxEvent): Prisma.OutboxEventCreateInput {
  for (const key of Object.keys(event.payload)) {
    if (forbiddenKeys.has(key.toLowerCase())) throw new Error(`outbox payload must not carry "${key}"`);
  }
  return {
    type: event.type,
    teamId: event.teamId,
    threadId: event.threadId,
    memberId: reachesMember(event) ? event.memberId : null,
    ...(event.userId ? { userId: event.userId } : {}),
    payload: event.payload,
  };
}

/** `db.outboxEvent.create(...)`, unexecuted: put it in the change's `$transaction([...])`. */
export function createOutboxEvent(db: Pick<PrismaClient | Prisma.TransactionClient, "outboxEvent">, event: OutboxEvent) {
  return db.outboxEvent.create({ data: outboxEventData(event), select: { id: true } });
}
