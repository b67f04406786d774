/**
 * ⚠ SECURITY: who may receive a realtime event — the same rules as the API's scope filters
 * (lib/access/scopes.ts), evaluated at DELIVERY time against the thread's CURRENT owner and
 * the receiver's current scope, not against what was true when the event was written.
 * Pure, so it is unit-tested exhaustively (routing.test.ts).
 *
 *  - Members: only events routed to them (`memberId`, set only on member-visible events by
 *    outbox-event.ts), about their own thread. Never ticket events, mentions, collaborator
 *    changes or internal notes — those carry no memberId, and their types are refused here too.
 *  - Staff: events about a thread they can open now (their team owns it, an active
 *    collaboration, an unexpired emergency access); a mention only to the person mentioned;
 *    a file's scan result also to its uploader while the file belongs to no thread yet;
 *    typing never echoed to the typist; `read` never (it is for the member).
 *  - Everyone else (admins, compliance, unknown roles): nothing.
 *  - `scope.changed` goes to nobody: it tells the relay to re-check its receiver.
 */
import type { Role } from "../access/roles";
import type { LivePayload } from "./event-types";
import type { EventViews } from "./event-views";

export type RoutedEvent = {
  /** The outbox delivery sequence; null for ephemeral events (typing). */
  seq: bigint | null;
  type: string;
  teamId: string | null;
  threadId: string | null;
  memberId: string | null;
  userId: string | null;
  payload: LivePayload;
  /**
   * What each audience may see of the changed row (lib/realtime/event-views.ts), read once
   * per event at fan-out time (lib/domain/realtime/unsafe-load-event-views.ts); never stored
   * in the outbox. Chosen per receiver only after canReceive (lib/realtime/relay.ts).
   */
  views?: EventViews;
};

/** The thread as it is now: its owning team and its member. */
export type ThreadRouting = { teamId: string | null; memberId: string };

export type RealtimeScope = {
  userId: string;
  role: Role;
  teamIds: ReadonlySet<string>;
  /** Threads the user actively collaborates on. */
  collaborations: ReadonlySet<string>;
  /** Threads under an emergency access of the user → when it ends (epoch ms). */
  emergencies: ReadonlyMap<string, number>;
};

const memberTypes = new Set(["message.created", "thread.created", "attachment.scanned", "read", "typing"]);
const staffRoles = new Set<Role>(["CARE_GUIDE", "NURSE", "PHYSICIAN"]);

export function canOpenThread(scope: RealtimeScope, threadId: string, thread: ThreadRouting | undefined, now: number): boolean {
  if (!thread) return false;
  if (scope.role === "MEMBER") return thread.memberId === scope.userId;
  if (!staffRoles.has(scope.role)) return false;
  if (thread.teamId !== null && scope.teamIds.has(thread.teamId)) return true;
  if (scope.collaborations.has(threadId)) return true;
  const until = scope.emergencies.get(threadId);
  return until !== undefined && until > now;
}

export function canReceive(scope: RealtimeScope, event: RoutedEvent, thread: ThreadRouting | undefined, now: number): boolean {
  // A signal between the server's own parts, never for a browser (acted on by the relay).
  if (event.type === scopeChangedType) return false;
  if (scope.role === "MEMBER") {
    if (!memberTypes.has(event.type) || event.memberId !== scope.userId) return false;
    // A file not yet on a message belongs to no thread: routed by memberId alone.
    if (event.threadId === null) return event.type === "attachment.scanned";
    return canOpenThread(scope, event.threadId, thread, now);
  }
  if (!staffRoles.has(scope.role)) return false;
  if (event.type === "read") return false;
  if (event.threadId === null) {
    return event.type === "attachment.scanned" && event.payload.uploaderId === scope.userId;
  }
  if (!canOpenThread(scope, event.threadId, thread, now)) return false;
  if (event.type === "mention.created") return event.userId === scope.userId;
  // The typist is in the routing column, not the payload (members get no staff ids).
  if (event.type === "typing") return event.userId !== scope.userId;
  return true;
}

/** "Re-check your receiver now": access of `userId` changed (lib/domain/realtime/scope-changed-event.ts). */
export const scopeChangedType = "scope.changed";

/**
 * Events after which the receiver must be checked again and its scope reloaded before
 * anything after them is filtered: the user whose access they change, or null.
 */
export function changesScopeOf(event: RoutedEvent): string | null {
  if (event.type === "mention.created" || event.type === "collaborator.removed" || event.type === scopeChangedType) return event.userId;
  return null;
}
