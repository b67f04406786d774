/**
 * The `data` of one audit row: the single place that maps an actor, an entry and a request
 * origin to audit columns. recordAudit writes it at once; operations that batch their
 * writes in `$transaction([...])` put `db.auditLog.create({ data: auditRowData(…) })` in the
 * batch so the change and its audit row commit together.
 * ⚠ Never put contents here: no message bodies, subjects, file contents, health tags or
 * free text written by members.
 * ⚠ SECURITY: the audit row must be writable whatever the request held. Many fields come
 * from the request (a path id, a filter, a user agent), so every text column is made safe
 * for PostgreSQL here (no NUL, no lone surrogate, bounded length) and so is every string in
 * `details` (jsonb refuses \u0000 too). A denied attempt with a hostile id is still audited.
 */
import type { Actor, RequestOrigin } from "../../access/actor";
import type { Prisma } from "../../db/generated/client";
import { auditText } from "./audit-text";

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

/** Column bounds: an id or a name is never longer; anything longer came from a request. */
const limits = { action: 100, recordType: 64, recordId: 64, reason: 500, ip: 64, userAgent: 512, actorRole: 32 } as const;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A uuid column: a value that is not a uuid is dropped (it would fail the row) — the record id keeps what was asked for. */
function uuidOrNull(value: string | null | undefined): string | null {
  return value && uuidPattern.test(value) ? value : null;
}

/** Every string in a JSON value made safe (keys too), to a bounded depth. */
function safeJson(value: Prisma.InputJsonValue, depth = 0): Prisma.InputJsonValue {
  if (typeof value === "string") return auditText(value, 500);
  if (depth > 8 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.slice(0, 200).map((v) => (v === null ? v : safeJson(v as Prisma.InputJsonValue, depth + 1))) as Prisma.InputJsonValue;
  const out: Record<string, Prisma.InputJsonValue | null> = {};
  for (const [k, v] of Object.entries(value as Record<string, Prisma.InputJsonValue | null | undefined>)) {
    if (v === undefined) continue;
    out[auditText(k, 100)] = v === null ? null : safeJson(v, depth + 1);
  }
  return out as Prisma.InputJsonValue;
}

export function auditRowData(
  actor: AuditActor | null,
  entry: AuditEntry,
  origin: RequestOrigin | null = actor?.origin ?? null,
): Prisma.AuditLogCreateInput {
  const text = (value: string | null | undefined, max: number) => (value === null || value === undefined ? null : auditText(value, max));
  return {
    actorId: uuidOrNull(actor?.userId),
    actorRole: text(actor?.role, limits.actorRole),
    action: auditText(entry.action, limits.action),
    outcome: entry.outcome ?? "ALLOWED",
    memberId: uuidOrNull(entry.memberId),
    recordType: text(entry.recordType, limits.recordType),
    recordId: text(entry.recordId, limits.recordId),
    reason: text(entry.reason, limits.reason),
    ip: text(origin?.ip, limits.ip),
    userAgent: text(origin?.userAgent, limits.userAgent),
    ...(entry.details === undefined ? {} : { details: safeJson(entry.details) }),
  };
}
