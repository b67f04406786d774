import type { z } from "zod";
import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { auditLogWhere } from "./audit-log-where";
import { authorize } from "./authorize";
import { recordAudit } from "./record-audit";
import { listAuditEventsSchema } from "./schemas";
import { userNames } from "./user-names";

export type AuditEventView = {
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  outcome: "ALLOWED" | "DENIED";
  memberId: string | null;
  /** Who the row is about; a name only, never anything of their record. */
  memberName: string | null;
  recordType: string | null;
  recordId: string | null;
  ip: string | null;
  userAgent: string | null;
  reason: string | null;
  /** Ids, status values and counts (audit rows never hold contents). */
  details: Prisma.JsonValue | null;
};

/**
 * The audit log for compliance review, newest first, a page at a time (keyset on the row id,
 * which only grows: `nextCursor` leads to older rows). Reading it is itself audited.
 */
export async function listAuditEvents(actor: Actor, input: z.input<typeof listAuditEventsSchema> = {}): Promise<{ items: AuditEventView[]; nextCursor: string | null }> {
  await authorize(actor, "audit.read");
  const { limit, cursor, ...filters } = listAuditEventsSchema.parse(input);
  const db = await getDb();
  const where = auditLogWhere(filters);
  const rows = await db.auditLog.findMany({
    where: cursor ? { AND: [where, { id: { lt: BigInt(cursor) } }] } : where,
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const names = await userNames(db, page.flatMap((r) => [r.actorId, r.memberId]));
  await recordAudit(db, actor, {
    action: "audit.list",
    memberId: filters.memberId ?? null,
    // The filter values are ids, an action name and times: who looked at whose trail.
    details: { count: page.length, filters, ...(cursor ? { cursor } : {}) },
  });
  return {
    items: page.map((r) => ({
      id: r.id.toString(),
      occurredAt: r.occurredAt.toISOString(),
      actorId: r.actorId,
      actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
      actorRole: r.actorRole,
      action: r.action,
      outcome: r.outcome,
      memberId: r.memberId,
      memberName: r.memberId ? (names.get(r.memberId) ?? null) : null,
      recordType: r.recordType,
      recordId: r.recordId,
      ip: r.ip,
      userAgent: r.userAgent,
      reason: r.reason,
      details: r.details,
    })),
    nextCursor: rows.length > limit ? (page.at(-1)?.id.toString() ?? null) : null,
  };
}
