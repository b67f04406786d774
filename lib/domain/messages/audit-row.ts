/**
 * The `data` of an audit row, for writes that must sit inside a batch
 * `$transaction([...])` (recordAudit awaits its own create, so it cannot join a batch).
 * Same columns and rules as lib/domain/audit/record-audit.ts.
 * ⚠ Never put contents here: no message bodies, subjects or free text written by members.
 */
import type { Actor } from "../../access/actor";
import type { Prisma } from "../../db/generated/client";
import type { AuditEntry } from "../audit/record-audit";

export function auditRowData(actor: Pick<Actor, "userId" | "role" | "origin">, entry: AuditEntry): Prisma.AuditLogCreateInput {
  return {
    actorId: actor.userId,
    actorRole: actor.role,
    action: entry.action,
    outcome: entry.outcome ?? "ALLOWED",
    memberId: entry.memberId ?? null,
    recordType: entry.recordType ?? null,
    recordId: entry.recordId ?? null,
    reason: entry.reason ?? null,
    ip: actor.origin.ip ?? null,
    userAgent: actor.origin.userAgent?.slice(0, 512) ?? null,
    ...(entry.details === undefined ? {} : { details: entry.details }),
  };
}
