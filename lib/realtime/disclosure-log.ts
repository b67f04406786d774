/**
 * Gathers the live views this instance handed out and has them audited in bulk: one row per
 * event and audience per flush (lib/domain/realtime/unsafe-record-live-disclosures.ts), not
 * one per receiver. Flushed every second and when the relay stops; a failed write is kept
 * and retried at the next flush (bounded, so a database outage cannot pin memory).
 */
import { logger } from "../log/logger";
import { unsafeRecordLiveDisclosures, type LiveDisclosure } from "../domain/realtime/unsafe-record-live-disclosures";
import type { LiveAudience } from "./event-views";
import type { RoutedEvent } from "./routing";

const flushMs = 1_000;
const maxPending = 50_000;

export class DisclosureLog {
  private pending = new Map<string, LiveDisclosure & { recipients: Set<string> }>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  /** `receiverId` got `audience`'s view of `event`, about `memberId`'s thread. */
  note(event: RoutedEvent, audience: LiveAudience, receiverId: string, memberId: string): void {
    const view = event.views?.[audience];
    if (!view || event.seq === null || !event.threadId) return;
    const record = view.message ? { recordType: "message" as const, recordId: view.message.id } : "ticket" in view && view.ticket ? { recordType: "ticket" as const, recordId: view.ticket.id } : null;
    if (!record) return;
    const key = `${event.seq}:${audience}`;
    let entry = this.pending.get(key);
    if (!entry) {
      if (this.pending.size >= maxPending) return void logger.warn({}, "live disclosure audit backlog full");
      entry = { ...record, memberId, threadId: event.threadId, eventId: String(event.seq), audience, recipientIds: [], recipients: new Set() };
      this.pending.set(key, entry);
    }
    entry.recipients.add(receiverId);
    this.timer ??= setTimeout(() => void this.flush(), flushMs);
    this.timer.unref?.();
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flushing;
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.flushing = unsafeRecordLiveDisclosures(batch.map(({ recipients, ...d }) => ({ ...d, recipientIds: [...recipients] })))
      .catch((error: unknown) => {
        logger.warn({ err: error }, "live disclosure audit failed; retrying");
        for (const d of batch) {
          const key = `${d.eventId}:${d.audience}`;
          const newer = this.pending.get(key);
          if (newer) for (const r of d.recipients) newer.recipients.add(r);
          else if (this.pending.size < maxPending) this.pending.set(key, d);
        }
        this.timer ??= setTimeout(() => void this.flush(), flushMs);
      })
      .finally(() => {
        this.flushing = null;
      });
    await this.flushing;
  }
}
