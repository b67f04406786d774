/**
 * ⚠ SECURITY: the audit of PHI handed out by live events (docs/realtime.md, "Audit of live
 * views"). A message delivered in an event is a disclosure to each receiver, but one audit
 * row per console per event would be the amplification the views removed. So each instance
 * gathers, per event and audience, who received the view, and writes ONE row per event,
 * audience and instance (per flush, about once a second): actor none (the relay acted, on
 * no one's request), action `live.deliver`, the member, the message (or the ticket), and
 * the receivers' user ids in `details.recipientIds` (in chunks of 200, the audit writer's
 * bound on a list). `unsafe` because the relay, not a person, is the writer.
 */
import { getDb } from "../../db/client";
import { auditRowData } from "../audit/audit-row-data";

export type LiveDisclosure = {
  memberId: string;
  recordType: "message" | "ticket";
  recordId: string;
  threadId: string;
  eventId: string;
  audience: "staff" | "member";
  recipientIds: string[];
};

const chunk = 200;

export async function unsafeRecordLiveDisclosures(disclosures: LiveDisclosure[]): Promise<void> {
  const data = disclosures.flatMap((d) => {
    const rows = [];
    for (let i = 0; i < d.recipientIds.length; i += chunk) {
      rows.push(
        auditRowData(null, {
          action: "live.deliver",
          memberId: d.memberId,
          recordType: d.recordType,
          recordId: d.recordId,
          details: { threadId: d.threadId, eventId: d.eventId, audience: d.audience, recipientIds: d.recipientIds.slice(i, i + chunk) },
        }),
      );
    }
    return rows;
  });
  if (data.length === 0) return;
  const db = await getDb();
  await db.auditLog.createMany({ data });
}
