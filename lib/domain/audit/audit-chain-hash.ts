/**
 * The audit hash chain's arithmetic (pure; docs/audit.md "The chain").
 *
 *   hash(n) = SHA-256( hash(n-1) + canonical(row sealed at n) )   as lower-case hex
 *   hash(0) = "0" × 64 (genesis)
 *
 * canonical(row) is a JSON array of the row's columns in a fixed order, with `details`
 * written with object keys sorted (by UTF-16 code units) at every depth. An array keeps
 * every column position (nulls included), so no two different rows serialize alike.
 * ⚠ Changing anything here breaks verification of every existing seal: a new format needs a
 * new chain version, not an edit.
 */
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

/** The columns a seal covers — all of them, as Prisma reads an audit_log row. */
export type SealableAuditRow = {
  id: bigint;
  occurredAt: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  outcome: string;
  memberId: string | null;
  recordType: string | null;
  recordId: string | null;
  ip: string | null;
  userAgent: string | null;
  reason: string | null;
  details: unknown;
};

/** JSON with object keys sorted at every depth; JSON.stringify's own order is insertion order. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  if (typeof value === "bigint") return value.toString();
  // Strings, finite numbers and booleans: JSON.stringify is already canonical for them.
  return JSON.stringify(value);
}

export function canonicalAuditRow(row: SealableAuditRow): string {
  return canonicalJson([
    row.id.toString(),
    row.occurredAt.toISOString(),
    row.actorId,
    row.actorRole,
    row.action,
    row.outcome,
    row.memberId,
    row.recordType,
    row.recordId,
    row.ip,
    row.userAgent,
    row.reason,
    row.details ?? null,
  ]);
}

export function chainHash(prevHash: string, row: SealableAuditRow): string {
  return createHash("sha256").update(prevHash + canonicalAuditRow(row), "utf8").digest("hex");
}
