/**
 * The `data` of one audit row: the single place that maps an actor, an entry and a request
 * origin to audit columns. recordAudit writes it at once; operations that batch their
 * writes in `$transaction([...])` put `db.auditLog.create({ data: auditRowData(…) })` in the
 * batch so the change and its audit row commit together.
 * ⚠ Never put contents here: no message bodies, subjects, file contents, health tags or
 * free text written by members.
 */
import type { Actor, RequestOrigin } from "../../access/actor";
import type { Prisma } from "../../db/generated/client";

export type AuditEntry = {
  action: string;
  outcome?: "ALLOWED" | "DENIED";
  memberId?: string | null;
  recordType?: string | null;
  recordId?: string | null;
  reason?: string | null;
  /** Ids, status values, counts — nothing a member wrote. */
  details?: Prisma.InputJsonValue;
};

export type AuditActor = Pick<Actor, "userId" | "role" | "origin">;

export function auditRowData(
  actor: AuditActor | null,
  entry: AuditEntry,
  origin: RequestOrigin | null = actor?.origin ?? null,
): Prisma.AuditLogCreateInput {
  return {
    actorId: actor?.userId ?? null,
    actorRole: actor?.role ?? null,
    action: entry.action,
    outcome: entry.outcome ?? "ALLOWED",
    memberId: entry.memberId ?? null,
    recordType: entry.recordType ?? null,
    recordId: entry.recordId ?? null,
    reason: entry.reason ?? null,
    ip: origin?.ip ?? null,
    userAgent: origin?.userAgent?.slice(0, 512) ?? null,
    ...(entry.details === undefined ? {} : { details: entry.details }),
  };
}
