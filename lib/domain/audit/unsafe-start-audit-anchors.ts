/**
 * The operator's start of the anchors over an unkeyed history — once, at the upgrade from
 * unkeyed sealing (`npx tsx scripts/audit/start-anchors.ts`). "unsafe": no actor and no
 * capability, because it is the operator at the command line, who holds the database anyway.
 *
 * ⚠ SECURITY: the sealer will not decide by itself where keyed sealing begins when the chain
 * holds only unkeyed seals and no anchor exists (seal-audit-log.ts): from the database alone,
 * the upgrade and a chain recomputed unkeyed after the anchors were lost look the same. Here
 * the operator vouches for the unkeyed history as it is now: the chain must check (unkeyed
 * seals accepted up to its head), and then its head is anchored with keyedFrom = head + 1.
 * Refused when any valid anchor exists (keyed sealing's start is already recorded) or when the
 * head is keyed (the sealer anchors that itself). The start is audited.
 */
import { closeDb, getDb, type Db } from "../../db/client";
import { parseAnchor } from "../../audit-seal/anchor";
import { getAuditAnchorStore } from "../../audit-seal/anchor-store";
import { getAuditSealKeys } from "../../audit-seal/seal-key";
import { SEAL_VERSION_KEYED } from "./audit-chain-hash";
import { anchorAuditHead } from "./anchor-audit-head";
import { recordAudit } from "./record-audit";
import { walkAuditChain, type ChainVerification } from "./walk-audit-chain";

export type StartAnchorsResult =
  | { started: true; keyedFrom: string; head: string }
  | { started: false; reason: "anchors_exist" | "no_seals" | "keyed_head" | "chain_broken" | "anchor_write_failed"; firstBroken?: ChainVerification["firstBroken"] };

export async function unsafeStartAuditAnchors(db: Db): Promise<StartAnchorsResult> {
  const { anchor: anchorKey } = getAuditSealKeys();
  const lines = await getAuditAnchorStore().readAll();
  if (lines.some((line) => parseAnchor(anchorKey, line).ok)) return { started: false, reason: "anchors_exist" };

  const head = await db.auditSeal.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, auditId: true, hash: true, version: true } });
  if (!head) return { started: false, reason: "no_seals" };
  if (head.version >= SEAL_VERSION_KEYED) return { started: false, reason: "keyed_head" };

  const keyedFrom = head.seq + 1n;
  const check = await walkAuditChain(db, { unkeyedBefore: keyedFrom });
  if (!check.ok) return { started: false, reason: "chain_broken", firstBroken: check.firstBroken };

  if (!(await anchorAuditHead({ seq: head.seq, auditId: head.auditId, hash: head.hash, keyedFrom }))) return { started: false, reason: "anchor_write_failed" };
  await recordAudit(db, null, { action: "audit.anchors_started", reason: "command", details: { keyedFrom: keyedFrom.toString(), headSeq: head.seq.toString() } }, null);
  return { started: true, keyedFrom: keyedFrom.toString(), head: head.seq.toString() };
}

/** The command's entry (scripts/audit/start-anchors.ts): the process's database, closed afterwards. */
export async function unsafeStartAuditAnchorsCommand(): Promise<StartAnchorsResult> {
  try {
    return await unsafeStartAuditAnchors(await getDb());
  } finally {
    await closeDb();
  }
}
