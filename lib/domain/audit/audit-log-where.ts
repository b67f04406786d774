/**
 * The compliance filters as a Prisma where clause, shared by the list and the CSV export so
 * both always select the same rows. The period is inclusive at both ends.
 */
import type { Prisma } from "../../db/generated/client";
import type { AuditFilters } from "./schemas";

export function auditLogWhere(q: AuditFilters): Prisma.AuditLogWhereInput {
  return {
    ...(q.memberId ? { memberId: q.memberId } : {}),
    ...(q.actorId ? { actorId: q.actorId } : {}),
    ...(q.action ? { action: q.action } : {}),
    ...(q.from || q.to ? { occurredAt: { ...(q.from ? { gte: new Date(q.from) } : {}), ...(q.to ? { lte: new Date(q.to) } : {}) } } : {}),
  };
}
