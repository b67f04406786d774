/**
 * Appends one audit row. Call it with the transaction client of the change it records so
 * that the change and its audit row commit together. ⚠ Never put contents here: no message
 * bodies, file contents, health tags or free text written by members.
 */
import type { Prisma } from "../../db/generated/client";
import type { Actor, RequestOrigin } from "../../access/actor";

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

type AuditWriter = Pick<Prisma.TransactionClient, "auditLog">;

export async function recordAudit(
  db: AuditWriter,
  actor: Pick<Actor, "userId" | "role" | "origin"> | null,
  entry: AuditEntry,
  origin: RequestOrigin | null = actor?.origin ?? null,
): Promise<void> {
  await db.auditLog.create({
    data: {
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
    },
  });
}
