/**
 * ⚠ SECURITY: the signal that makes a revocation reach open event streams AT ONCE, on every
 * app instance (docs/realtime.md, "Revocation is immediate").
 *
 * A stream holds its receiver's scope in memory and re-checks it every 20 s. Every change
 * that takes access away from a person — deactivation, sign-out (every session ends), a role
 * change, leaving a team, an API key revoked, a collaboration or emergency access ended — adds
 * these rows to the SAME transaction as the change. So the signal cannot be lost (it commits
 * with the change or not at all) and it is stamped before anything written after the change:
 * the relay hands it to every stream of the user, on every instance, and each stream re-runs
 * its re-check (lib/realtime/stream-recheck.ts) before it delivers any later event. A failed
 * re-check closes the stream; otherwise the scope is reloaded.
 *
 * The event carries no payload and is never sent to a browser (lib/realtime/routing.ts).
 *
 * Usage, inside the change's batch:
 *   db.outboxEvent.createMany({ data: scopeChangedEvents([userId]) })
 */
import type { Prisma } from "../../db/generated/client";
import { outboxEventData } from "../outbox/outbox-event";

/** One outbox row per distinct user id (none for an empty list). */
export function scopeChangedEvents(userIds: Iterable<string>): Prisma.OutboxEventCreateManyInput[] {
  return [...new Set(userIds)].map((userId) => outboxEventData({ type: "scope.changed", teamId: null, threadId: null, memberId: null, userId, payload: {} }));
}
