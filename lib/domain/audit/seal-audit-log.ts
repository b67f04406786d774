/**
 * The background sealer (DESIGN.md §4 Audit): links audit rows into the hash chain after
 * they commit, so the hot path never waits for the previous hash. A system job: it reads
 * audit rows for no one and shows nothing, so there is no actor and no scope.
 *
 * - Each batch is one transaction that first takes a transaction-level advisory lock
 *   (pg_try_advisory_xact_lock, also on PGlite). Another instance already sealing makes this
 *   one step aside at once; the lock ends with the transaction, even if the process dies.
 * - The chain head (highest seq) is read after taking the lock, so seq and prevHash always
 *   continue from the last committed seal. audit_seals.audit_id is unique: a row can never
 *   be sealed twice.
 * - The chain order is the seal order: what a batch sees, in id order. A row that commits
 *   late (lower id, longer transaction) is sealed by a later batch, after rows with higher
 *   ids. Verification walks seq order, so this costs nothing.
 *
 * Which rows a batch looks at: every row above the highest sealed id, plus any row written in
 * the last `lateWindow` that is still unsealed (the late commits: occurred_at is the start
 * of the writing transaction). That keeps a pass cheap on a large log. A `fullSweep` looks
 * at every row, for a transaction that stayed open longer than the window; the periodic
 * runner does one per hour (seal-audit-log-when-due.ts).
 *
 * ⚠ SECURITY (docs/audit.md "Threat model"): every new seal is keyed (version 2, HMAC under
 * AUDIT_SEAL_KEY, which the database never holds), and after each batch commits its head is
 * appended to the anchor store outside the database (anchor-audit-head.ts). The anchor is
 * written after the commit, never before: an anchor for a batch that then rolled back would
 * read as tampering. A failed anchor write is retried at the next pass with the current head.
 *
 * ⚠ SECURITY: where keyed sealing began (`keyedFrom`, in every anchor) is what verification
 * uses to refuse unkeyed seals, so it never comes from what the database says alone: it is
 * the anchors' own value when the store has any; else 1 on a new database (no seals yet);
 * else, with only keyed seals behind it, the first keyed seq (a keyed seal cannot be turned
 * unkeyed without breaking the next link). A chain of only unkeyed seals with no anchor is
 * either the upgrade from unkeyed sealing or a chain recomputed unkeyed by whoever holds the
 * database after the anchors were lost — the sealer cannot tell which, so it seals nothing
 * (`blocked`, logged as an error) until the operator starts the anchors
 * (`npx tsx scripts/audit/start-anchors.ts`, unsafe-start-audit-anchors.ts).
 */
import { getDb } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { getAuditSealKeys } from "../../audit-seal/seal-key";
import { GENESIS_HASH, keyedChainHash, SEAL_VERSION_KEYED } from "./audit-chain-hash";
import { anchorAuditHead, anchorCurrentHeadIfOwed, type SealedHead } from "./anchor-audit-head";
import { parseAnchor } from "../../audit-seal/anchor";
import { getAuditAnchorStore } from "../../audit-seal/anchor-store";
import { logger } from "../../log/logger";

/** Any constant shared by all instances: "audit" in ASCII (0x6175646974), recognisable in pg_locks. */
const SEALER_LOCK_KEY = Prisma.raw("418581342580");
const lateWindow = Prisma.raw("interval '15 minutes'");

export type SealOptions = {
  batchSize?: number;
  /** Stop starting new batches after this long (the worker has other work). */
  timeBudgetMs?: number;
  fullSweep?: boolean;
};

export type SealResult = {
  sealed: number;
  /** Another instance held the lock; nothing was done by this one. */
  busy: boolean;
  /** The last batch was not full: nothing visible was left unsealed. */
  drained: boolean;
  /** Nothing sealed: only unkeyed seals and no anchor (see the header); the operator starts the anchors. */
  blocked?: "anchors_missing";
};

type Tx = Prisma.TransactionClient;

async function candidateIds(tx: Tx, batchSize: number, fullSweep: boolean): Promise<bigint[]> {
  const unsealed = Prisma.sql`NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.audit_id = a.id)`;
  let where = unsealed;
  if (!fullSweep) {
    const [top] = await tx.$queryRaw<{ max: string }[]>`SELECT coalesce(max(audit_id), 0)::text AS max FROM audit_seals`;
    where = Prisma.sql`(a.id > ${top?.max ?? "0"}::bigint OR a.occurred_at >= now() - ${lateWindow}) AND ${unsealed}`;
  }
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT a.id::text AS id FROM audit_log a WHERE ${where} ORDER BY a.id LIMIT ${batchSize}`;
  return rows.map((r) => BigInt(r.id));
}

type BatchResult = { count: number; head: SealedHead | null; blocked?: "anchors_missing" };

/** The blocked state is logged at most this often (a pass runs every 5 s). */
const blockedLogEveryMs = 5 * 60_000;
let lastBlockedLog = 0;

/** keyedFrom as the anchor store says (the smallest of its valid anchors); kept once known. */
let anchoredKeyedFrom: bigint | null = null;

/**
 * null when the store has no valid anchor — or cannot be read now: keyedFrom() then follows
 * the same rules as for an empty store, which never accept more unkeyed seals than the
 * database's keyed seals prove, so an unreadable store does not stop sealing.
 */
async function readAnchoredKeyedFrom(anchorKey: Buffer): Promise<bigint | null> {
  if (anchoredKeyedFrom !== null) return anchoredKeyedFrom;
  let lines: string[];
  try {
    lines = await getAuditAnchorStore().readAll();
  } catch {
    return null;
  }
  for (const line of lines) {
    const read = parseAnchor(anchorKey, line);
    if (read.ok && (anchoredKeyedFrom === null || read.anchor.keyedFrom < anchoredKeyedFrom)) anchoredKeyedFrom = read.anchor.keyedFrom;
  }
  return anchoredKeyedFrom;
}

/** The first keyed seq of the chain, or null when the sealer must not guess it (see the header). */
async function keyedFrom(tx: Tx, anchored: bigint | null, firstSeqOfBatch: bigint, headVersion: number | null): Promise<bigint | null> {
  if (anchored !== null) return anchored;
  if (headVersion === null) return firstSeqOfBatch;
  if (headVersion < SEAL_VERSION_KEYED) return null;
  const [row] = await tx.$queryRaw<{ first: string | null }[]>`SELECT min(seq)::text AS first FROM audit_seals WHERE version >= ${SEAL_VERSION_KEYED}`;
  return row?.first ? BigInt(row.first) : firstSeqOfBatch;
}

/** One batch in one transaction. null: another sealer holds the lock. */
async function sealBatch(batchSize: number, fullSweep: boolean, sealKey: Buffer, anchored: bigint | null): Promise<BatchResult | null> {
  const db = await getDb();
  return db.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${SEALER_LOCK_KEY}) AS locked`;
      if (lock?.locked !== true) return null;
      const ids = await candidateIds(tx, batchSize, fullSweep);
      if (ids.length === 0) return { count: 0, head: null };
      const head = await tx.auditSeal.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true, version: true } });
      const from = await keyedFrom(tx, anchored, (head?.seq ?? 0n) + 1n, head?.version ?? null);
      if (from === null) return { count: 0, head: null, blocked: "anchors_missing" };
      const rows = await tx.auditLog.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });
      let seq = head?.seq ?? 0n;
      let prevHash = head?.hash ?? GENESIS_HASH;
      const seals = rows.map((row) => {
        seq += 1n;
        const hash = keyedChainHash(sealKey, seq, prevHash, row);
        const seal = { seq, auditId: row.id, prevHash, hash, version: SEAL_VERSION_KEYED };
        prevHash = hash;
        return seal;
      });
      await tx.auditSeal.createMany({ data: seals });
      const last = seals[seals.length - 1]!;
      return { count: seals.length, head: { seq: last.seq, auditId: last.auditId, hash: last.hash, keyedFrom: from } };
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

/** Seals what is unsealed, batch after batch, until drained, busy or out of time. */
export async function sealAuditLog(options: SealOptions = {}): Promise<SealResult> {
  const batchSize = options.batchSize ?? 500;
  const deadline = Date.now() + (options.timeBudgetMs ?? Number.POSITIVE_INFINITY);
  // Throws AuditSealKeyMissingError in production without AUDIT_SEAL_KEY: nothing is sealed
  // unkeyed, ever again.
  const { seal: sealKey, anchor: anchorKey } = getAuditSealKeys();
  await anchorCurrentHeadIfOwed();
  let sealed = 0;
  for (;;) {
    const batch = await sealBatch(batchSize, options.fullSweep ?? false, sealKey, await readAnchoredKeyedFrom(anchorKey));
    if (batch === null) return { sealed, busy: true, drained: false };
    if (batch.blocked) {
      if (Date.now() - lastBlockedLog < blockedLogEveryMs) return { sealed, busy: false, drained: false, blocked: batch.blocked };
      lastBlockedLog = Date.now();
      logger.error(
        {},
        "audit sealing stopped: the chain has only unkeyed seals and the anchor store is empty. If this is the upgrade from unkeyed sealing, check the database and run `npx tsx scripts/audit/start-anchors.ts` (docs/audit.md); otherwise the anchors were lost",
      );
      return { sealed, busy: false, drained: false, blocked: batch.blocked };
    }
    if (batch.head) {
      await anchorAuditHead(batch.head);
      anchoredKeyedFrom ??= batch.head.keyedFrom;
    }
    sealed += batch.count;
    if (batch.count < batchSize) return { sealed, busy: false, drained: true };
    if (Date.now() >= deadline) return { sealed, busy: false, drained: false };
  }
}
