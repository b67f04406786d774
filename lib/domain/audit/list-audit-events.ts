import { authorize } from "./authorize";
import type { z } from "zod";
import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { recordAudit } from "./record-audit";
import { listAuditEventsSchema } from "./schemas";


export type AuditEventView = {
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  outcome: "ALLOWED" | "DENIED";
  memberId: string | null;
  recordType: string | null;
  recordId: string | null;
  ip: string | null;
  reason: string | null;
};

/** The audit log for compliance review, newest first. Reading it is itself audited. */
export async function listAuditEvents(actor: Actor, input: z.input<typeof listAuditEventsSchema> = {}): Promise<{ items: AuditEventView[] }> {
  await authorize(actor, "audit.read");
  const q = listAuditEventsSchema.parse(input);
  const where: Prisma.AuditLogWhereInput = {
    ...(q.memberId ? { memberId: q.memberId } : {}),
    ...(q.actorId ? { actorId: q.actorId } : {}),
    ...(q.action ? { action: q.action } : {}),
    ...(q.from || q.to ? { occurredAt: { ...(q.from ? { gte: new Date(q.from) } : {}), ...(q.to ? { lte: new Date(q.to) } : {}) } } : {}),
  };
  const db = await getDb();
  const rows = await db.auditLog.findMany({ where, orderBy: { id: "desc" }, take: q.limit });
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => id !== null))];
  const actors = await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } });
  const names = new Map(actors.map((a) => [a.id, a.name]));
  await recordAudit(db, actor, { action: "audit.list", details: { count: rows.length } });
  return {
    items: rows.map((r) => ({
      id: r.id.toString(),
      occurredAt: r.occurredAt.toISOString(),
      actorId: r.actorId,
      actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
      actorRole: r.actorRole,
      action: r.action,
      outcome: r.outcome,
      memberId: r.memberId,
      recordType: r.recordType,
      recordId: r.recordId,
      ip: r.ip,
      reason: r.reason,
    })),
  };
}
