/**
 * The audit hash chain's arithmetic (pure; docs/audit.md "The chain"). Two seal versions:
 *
 *   version 1 (unkeyed, before issue 9; still verified, reported as unkeyed):
 *     hash(n) = SHA-256( hash(n-1) + canonical(row sealed at n) )
 *   version 2 (keyed; every new seal):
 *     hash(n) = HMAC-SHA-256( sealKey, "concierge-audit-seal-v2\n" + n + "\n" + hash(n-1) + "\n" + canonical(row) )
 *   hash(0) = "0" × 64 (genesis); every hash lower-case hex.
 *
 * ⚠ SECURITY: version 1 can be recomputed by anyone who can write the database; version 2 only
 * by whoever holds AUDIT_SEAL_KEY (lib/audit-seal/seal-key.ts), which the database never does.
 *
 * canonical(row) is a JSON array of the row's columns in a fixed order, with `details`
 * written with object keys sorted (by UTF-16 code units) at every depth. An array keeps
 * every column position (nulls included), so no two different rows serialize alike.
 * ⚠ Changing anything here breaks verification of every existing seal: a new format needs a
 * new chain version, not an edit.
 */
import { createHash, createHmac } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export const SEAL_VERSION_UNKEYED = 1;
export const SEAL_VERSION_KEYED = 2;

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

/** Version 1: the unkeyed SHA-256 link (verification of seals written before keyed sealing). */
export function chainHash(prevHash: string, row: SealableAuditRow): string {
  return createHash("sha256").update(prevHash + canonicalAuditRow(row), "utf8").digest("hex");
}

/** Version 2: the keyed link. The seq is inside the MAC, so a seal cannot be moved either. */
export function keyedChainHash(sealKey: Buffer, seq: bigint, prevHash: string, row: SealableAuditRow): string {
  return createHmac("sha256", sealKey).update(`concierge-audit-seal-v2\n${seq}\n${prevHash}\n${canonicalAuditRow(row)}`, "utf8").digest("hex");
}
