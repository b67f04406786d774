/**
 * What a live event carries of the changed row, per audience (docs/realtime.md, "Views in
 * events"). Shared by the server (lib/realtime/relay.ts builds and sends them) and the
 * browser (components/live/apply-event.ts applies them): no server-only imports here.
 *
 * ⚠ SECURITY: a view is computed once per event and audience, never per connection, and
 * chosen per receiver at delivery AFTER lib/realtime/routing.ts has let the event through:
 *  - `staff`: staff who may open the thread now (its team, an active collaboration, an
 *    unexpired emergency access). All three may read every message of the thread, notes
 *    included, and its ticket (lib/access/scopes.ts), so they share one view: the message
 *    as GET /threads/{id}/messages shows it, and the ticket as the queue lists it.
 *  - `member`: the thread's member, and only for a member-visible message (never a note,
 *    never a ticket field — members have no tickets).
 */
import type { MessageView } from "../domain/messages/schemas";
import type { QueueItem } from "../domain/tickets/schemas";

export type LiveAudience = "staff" | "member";

/** A queue row as GET /tickets lists it; `preview` only when the event itself gives it (else keep the old one). */
export type LiveQueueRow = Omit<QueueItem, "preview"> & { preview?: string | null };

export type StaffEventView = { message?: MessageView; ticket?: LiveQueueRow };
export type MemberEventView = { message?: MessageView };
export type EventViews = { staff?: StaffEventView; member?: MemberEventView };
export type EventView = StaffEventView | MemberEventView;
