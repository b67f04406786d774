/**
 * One anchor: the audit chain's head after a seal batch, kept outside the database
 * (docs/audit.md "Anchors"). Pure: the format, its MAC and its parser.
 *
 *   {"v":1,"seq":"1234","auditId":"5678","head":"<hex>","keyedFrom":"1","at":"<ISO>","mac":"<hex>"}
 *
 * - seq / auditId / head: the last seal of the batch (its chain seq, its audit row, its hash).
 * - keyedFrom: the first seq sealed with a key (seals before it are the unkeyed ones written
 *   before keyed sealing). Verification refuses an unkeyed seal at or after it.
 * - mac: HMAC-SHA-256 under the anchor key (derived from AUDIT_SEAL_KEY) over the other fields,
 *   so whoever can write the anchor store but does not hold the key cannot forge one.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export type AuditAnchor = {
  seq: bigint;
  auditId: bigint;
  head: string;
  keyedFrom: bigint;
  at: Date;
};

/** An anchor as read back: either verified, or the reason it is not to be trusted. */
export type ReadAnchor = { ok: true; anchor: AuditAnchor } | { ok: false; claimedSeq: string | null };

const hex64 = /^[0-9a-f]{64}$/;
const digits = /^[0-9]{1,19}$/;

function macInput(a: AuditAnchor): string {
  return `concierge-audit-anchor-v1\n${a.seq}\n${a.auditId}\n${a.head}\n${a.keyedFrom}\n${a.at.toISOString()}`;
}

export function anchorMac(anchorKey: Buffer, anchor: AuditAnchor): string {
  return createHmac("sha256", anchorKey).update(macInput(anchor), "utf8").digest("hex");
}

/** One line of JSON (no newline inside), MAC included. */
export function serializeAnchor(anchorKey: Buffer, anchor: AuditAnchor): string {
  return JSON.stringify({
    v: 1,
    seq: anchor.seq.toString(),
    auditId: anchor.auditId.toString(),
    head: anchor.head,
    keyedFrom: anchor.keyedFrom.toString(),
    at: anchor.at.toISOString(),
    mac: anchorMac(anchorKey, anchor),
  });
}

/** Parses and checks one serialized anchor. Anything malformed or with a wrong MAC is not ok. */
export function parseAnchor(anchorKey: Buffer, text: string): ReadAnchor {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { ok: false, claimedSeq: null };
  }
  const claimedSeq = typeof raw?.seq === "string" && digits.test(raw.seq) ? raw.seq : null;
  const { v, seq, auditId, head, keyedFrom, at, mac } = raw ?? {};
  if (v !== 1 || typeof seq !== "string" || !digits.test(seq) || typeof auditId !== "string" || !/^-?[0-9]{1,19}$/.test(auditId)) return { ok: false, claimedSeq };
  if (typeof head !== "string" || !hex64.test(head) || typeof keyedFrom !== "string" || !digits.test(keyedFrom)) return { ok: false, claimedSeq };
  if (typeof at !== "string" || Number.isNaN(Date.parse(at)) || typeof mac !== "string" || !hex64.test(mac)) return { ok: false, claimedSeq };
  const anchor: AuditAnchor = { seq: BigInt(seq), auditId: BigInt(auditId), head, keyedFrom: BigInt(keyedFrom), at: new Date(at) };
  // The MAC covers the ISO form of `at`: a re-written time (another format) fails too.
  if (anchor.at.toISOString() !== at) return { ok: false, claimedSeq };
  const expected = Buffer.from(anchorMac(anchorKey, anchor), "hex");
  if (!timingSafeEqual(expected, Buffer.from(mac, "hex"))) return { ok: false, claimedSeq };
  return { ok: true, anchor };
}
