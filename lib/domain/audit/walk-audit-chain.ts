/**
 * Walks the seals in seq order, recomputing every link from the audit row it covers, and
 * compares the chain with the anchors kept outside the database; stops at the first point that
 * does not check. Reads in batches, so memory stays flat on any size of log. No actor: callers
 * authorize (verify-audit-chain.ts) or are the operator's command
 * (unsafe-verify-audit-chain-command.ts).
 *
 * What it proves (docs/audit.md "Threat model"): without AUDIT_SEAL_KEY nobody can make a
 * changed row, a rewritten seal or a seal removed from the middle check again — recomputing
 * with the old unkeyed SHA-256 or with a guessed key fails at the changed row. What only the
 * anchors show: a deleted tail (`truncated`), and a history that the app's own sealer re-sealed
 * after seals were deleted (`anchor_mismatch` at the first anchored head after the change).
 *
 * ⚠ SECURITY: an unkeyed (version 1) seal is accepted only where the anchors say keyed sealing
 * had not begun yet — before their `keyedFrom` (and before the first keyed seal seen in this
 * walk). With no anchor to say so, nothing unkeyed is accepted, and a chain with seals but no
 * valid anchor is not intact (`anchors_missing`): otherwise whoever holds the database and
 * has lost (or removed) the anchors could recompute the whole chain unkeyed and have it
 * "check". The one exception is the operator's start of the anchors over an unkeyed history
 * (unsafe-start-audit-anchors.ts), which passes `unkeyedBefore` itself.
 */
import type { Db } from "../../db/client";
import { parseAnchor, type AuditAnchor } from "../../audit-seal/anchor";
import { getAuditAnchorStore } from "../../audit-seal/anchor-store";
import { getAuditSealKeys } from "../../audit-seal/seal-key";
import { chainHash, GENESIS_HASH, keyedChainHash, SEAL_VERSION_KEYED, SEAL_VERSION_UNKEYED } from "./audit-chain-hash";

export type ChainProblem =
  | "hash_mismatch"
  | "prev_mismatch"
  | "missing_row"
  | "gap"
  | "unkeyed_seal"
  | "anchor_mismatch"
  | "truncated"
  | "anchor_invalid"
  | "anchors_missing"
  | "stale_unsealed";

export type ChainVerification = {
  ok: boolean;
  /** Seals in the chain. */
  sealed: number;
  /** Of those, seals written before keyed sealing (unkeyed SHA-256; version 1). */
  unkeyed: number;
  /** Audit rows not sealed yet (the sealer runs every few seconds). */
  unsealed: number;
  /** Of those, rows the sealer should long have sealed (see staleUnsealed below). */
  staleUnsealed: number;
  /**
   * The first point that does not check. For `gap` and `truncated`, `seq` is the first missing
   * seq and `auditId` is null; for `anchor_invalid`, `seq` is what the bad anchor claims (or
   * null when it cannot be read); for `anchors_missing` (seals, but no valid anchor), both null;
   * for `stale_unsealed`, `auditId` is the oldest audit row left unsealed too long.
   */
  firstBroken: { seq: string | null; auditId: string | null; problem: ChainProblem } | null;
  /** The last seal of an intact chain. */
  head: { seq: string; hash: string } | null;
  /** Anchors read from the store outside the database, and the highest seq they cover. */
  anchors: { store: "file" | "s3"; count: number; latestSeq: string | null };
};

const batchSize = 1_000;

async function countUnsealed(db: Db): Promise<number> {
  const [row] = await db.$queryRaw<{ n: string }[]>`
    SELECT count(*)::text AS n FROM audit_log a WHERE NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.audit_id = a.id)`;
  return Number(row?.n ?? 0);
}

/**
 * ⚠ SECURITY: rows left unsealed for too long are a problem, not a count: whoever holds the
 * sealer's advisory lock (seal-audit-log.ts) — or stops it — could otherwise keep new rows
 * unsealed, and so changeable, while verification still said "intact". A pass every 5 s
 * seals every row above the highest sealed id, and late commits (below it) within the 15-
 * minute late window; a row that committed later still waits for the hourly full sweep. So:
 * stale is above the highest sealed id and older than the late window plus 15 minutes'
 * margin, or older than the full sweep's hour plus that window and margin.
 */
async function staleUnsealed(db: Db): Promise<{ count: number; oldestId: string | null }> {
  const [row] = await db.$queryRaw<{ n: string; oldest: string | null }[]>`
    SELECT count(*)::text AS n, min(a.id)::text AS oldest
      FROM audit_log a
     WHERE NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.audit_id = a.id)
       AND (   (a.id > (SELECT coalesce(max(audit_id), 0) FROM audit_seals) AND a.occurred_at < now() - interval '30 minutes')
            OR a.occurred_at < now() - interval '90 minutes')`;
  return { count: Number(row?.n ?? 0), oldestId: row?.oldest ?? null };
}

type Anchors = { bySeq: Map<bigint, AuditAnchor[]>; keyedFrom: bigint | null; latestSeq: bigint | null; count: number; valid: number; invalid: string | null | undefined };

async function readAnchors(anchorKey: Buffer): Promise<Anchors & { store: "file" | "s3" }> {
  const store = getAuditAnchorStore();
  const bySeq = new Map<bigint, AuditAnchor[]>();
  let keyedFrom: bigint | null = null;
  let latestSeq: bigint | null = null;
  // undefined: every anchor checks; otherwise the seq the first bad one claims (or null).
  let invalid: string | null | undefined;
  let valid = 0;
  const lines = await store.readAll();
  for (const line of lines) {
    const read = parseAnchor(anchorKey, line);
    if (!read.ok) {
      invalid ??= read.claimedSeq;
      continue;
    }
    const a = read.anchor;
    valid += 1;
    bySeq.set(a.seq, [...(bySeq.get(a.seq) ?? []), a]);
    if (keyedFrom === null || a.keyedFrom < keyedFrom) keyedFrom = a.keyedFrom;
    if (latestSeq === null || a.seq > latestSeq) latestSeq = a.seq;
  }
  return { store: store.kind, bySeq, keyedFrom, latestSeq, count: lines.length, valid, invalid };
}

export type WalkOptions = {
  /**
   * Only for the operator's start of the anchors over an unkeyed history: accept unkeyed
   * seals before this seq although no anchor says so, and do not ask for anchors.
   */
  unkeyedBefore?: bigint;
};

export async function walkAuditChain(db: Db, options: WalkOptions = {}): Promise<ChainVerification> {
  const keys = getAuditSealKeys();
  const anchors = await readAnchors(keys.anchor);
  const unkeyedBefore = options.unkeyedBefore ?? anchors.keyedFrom;
  let expectedSeq = 1n;
  let prevHash = GENESIS_HASH;
  let walked = 0;
  let unkeyed = 0;
  let keyedSeen = false;
  let firstBroken: ChainVerification["firstBroken"] = null;
  const broken = (seq: bigint, auditId: bigint | null, problem: ChainProblem) => ({ seq: seq.toString(), auditId: auditId?.toString() ?? null, problem });

  walk: for (;;) {
    const seals = await db.auditSeal.findMany({ where: { seq: { gte: expectedSeq } }, orderBy: { seq: "asc" }, take: batchSize });
    if (seals.length === 0) break;
    const rows = await db.auditLog.findMany({ where: { id: { in: seals.map((s) => s.auditId) } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const seal of seals) {
      const row = byId.get(seal.auditId);
      const mayBeUnkeyed = !keyedSeen && unkeyedBefore !== null && seal.seq < unkeyedBefore;
      if (anchors.valid === 0 && options.unkeyedBefore === undefined) firstBroken = { seq: null, auditId: null, problem: "anchors_missing" };
      else if (seal.seq !== expectedSeq) firstBroken = broken(expectedSeq, null, "gap");
      else if (!row) firstBroken = broken(seal.seq, seal.auditId, "missing_row");
      else if (seal.prevHash !== prevHash) firstBroken = broken(seal.seq, seal.auditId, "prev_mismatch");
      else if (seal.version === SEAL_VERSION_UNKEYED && !mayBeUnkeyed) firstBroken = broken(seal.seq, seal.auditId, "unkeyed_seal");
      else if (seal.version === SEAL_VERSION_UNKEYED ? chainHash(prevHash, row) !== seal.hash : seal.version !== SEAL_VERSION_KEYED || keyedChainHash(keys.seal, seal.seq, prevHash, row) !== seal.hash) {
        firstBroken = broken(seal.seq, seal.auditId, "hash_mismatch");
      } else if ((anchors.bySeq.get(seal.seq) ?? []).some((a) => a.head !== seal.hash || a.auditId !== seal.auditId)) {
        firstBroken = broken(seal.seq, seal.auditId, "anchor_mismatch");
      }
      if (firstBroken) break walk;
      if (seal.version === SEAL_VERSION_UNKEYED) unkeyed += 1;
      else keyedSeen = true;
      walked += 1;
      prevHash = seal.hash;
      expectedSeq = seal.seq + 1n;
    }
  }

  // The chain ends before a head that was anchored: its tail was cut off.
  if (!firstBroken && anchors.latestSeq !== null && anchors.latestSeq >= expectedSeq) firstBroken = broken(expectedSeq, null, "truncated");
  // An anchor that does not check (edited, forged without the key, or written half).
  if (!firstBroken && anchors.invalid !== undefined) firstBroken = { seq: anchors.invalid, auditId: null, problem: "anchor_invalid" };

  const sealed = firstBroken ? await db.auditSeal.count() : walked;
  // The last seal of a chain that checks (rows left unsealed too long do not change it).
  const head = !firstBroken && walked > 0 ? { seq: (expectedSeq - 1n).toString(), hash: prevHash } : null;
  const unsealed = await countUnsealed(db);
  const stale = unsealed > 0 ? await staleUnsealed(db) : { count: 0, oldestId: null };
  if (!firstBroken && stale.count > 0) firstBroken = { seq: null, auditId: stale.oldestId, problem: "stale_unsealed" };
  return {
    ok: firstBroken === null,
    sealed,
    unkeyed,
    unsealed,
    staleUnsealed: stale.count,
    firstBroken,
    head,
    anchors: { store: anchors.store, count: anchors.count, latestSeq: anchors.latestSeq?.toString() ?? null },
  };
}
