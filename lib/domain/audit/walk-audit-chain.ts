/**
 * Walks the seals in seq order, recomputing every hash from the audit row it covers; stops at
 * the first seal that does not check. Reads in batches, so memory stays flat on any size of
 * log. No actor: callers authorize (verify-audit-chain.ts) or are the operator's command
 * (unsafe-verify-audit-chain-command.ts).
 *
 * What it proves and what it cannot (docs/audit.md): any change to a sealed row or seal, and
 * any seal removed from the middle, shows. Removing the newest seals together with their rows
 * does not — compare `head` with a copy kept elsewhere for that.
 */
import type { Db } from "../../db/client";
import { chainHash, GENESIS_HASH } from "./audit-chain-hash";

export type ChainProblem = "hash_mismatch" | "prev_mismatch" | "missing_row" | "gap";

export type ChainVerification = {
  ok: boolean;
  /** Seals in the chain. */
  sealed: number;
  /** Audit rows not sealed yet (the sealer runs every few seconds). */
  unsealed: number;
  /**
   * The first seal that does not check. For a gap, `seq` is the first missing seq and
   * `auditId` is null (the seal that would say which row is gone).
   */
  firstBroken: { seq: string; auditId: string | null; problem: ChainProblem } | null;
  /** The last seal of an intact chain: keep a copy elsewhere to detect a cut-off tail. */
  head: { seq: string; hash: string } | null;
};

const batchSize = 1_000;

async function countUnsealed(db: Db): Promise<number> {
  const [row] = await db.$queryRaw<{ n: string }[]>`
    SELECT count(*)::text AS n FROM audit_log a WHERE NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.audit_id = a.id)`;
  return Number(row?.n ?? 0);
}

export async function walkAuditChain(db: Db): Promise<ChainVerification> {
  let expectedSeq = 1n;
  let prevHash = GENESIS_HASH;
  let walked = 0;
  let firstBroken: ChainVerification["firstBroken"] = null;

  walk: for (;;) {
    const seals = await db.auditSeal.findMany({ where: { seq: { gte: expectedSeq } }, orderBy: { seq: "asc" }, take: batchSize });
    if (seals.length === 0) break;
    const rows = await db.auditLog.findMany({ where: { id: { in: seals.map((s) => s.auditId) } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const seal of seals) {
      const row = byId.get(seal.auditId);
      if (seal.seq !== expectedSeq) firstBroken = { seq: expectedSeq.toString(), auditId: null, problem: "gap" };
      else if (!row) firstBroken = { seq: seal.seq.toString(), auditId: seal.auditId.toString(), problem: "missing_row" };
      else if (seal.prevHash !== prevHash) firstBroken = { seq: seal.seq.toString(), auditId: seal.auditId.toString(), problem: "prev_mismatch" };
      else if (chainHash(prevHash, row) !== seal.hash) firstBroken = { seq: seal.seq.toString(), auditId: seal.auditId.toString(), problem: "hash_mismatch" };
      if (firstBroken) break walk;
      walked += 1;
      prevHash = seal.hash;
      expectedSeq = seal.seq + 1n;
    }
  }

  const sealed = firstBroken ? await db.auditSeal.count() : walked;
  const unsealed = await countUnsealed(db);
  const head = !firstBroken && walked > 0 ? { seq: (expectedSeq - 1n).toString(), hash: prevHash } : null;
  return { ok: firstBroken === null, sealed, unsealed, firstBroken, head };
}
