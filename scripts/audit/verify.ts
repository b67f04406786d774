/**
 * `npm run audit:verify` — walks the audit hash chain and says whether it is intact.
 * Database: DATABASE_URL, else the embedded default under DATA_DIR (stop the app first: only
 * one process may open an embedded database). Prints counts, seq numbers and row ids only —
 * never row contents. Needs the same AUDIT_SEAL_KEY and AUDIT_ANCHOR_* settings as the app (the
 * key recomputes the seals; the anchors show a deleted tail or a re-sealed history).
 * Exit status: 0 intact, 1 broken, 2 the check could not run.
 */
import { unsafeVerifyAuditChainCommand } from "../../lib/domain/audit/unsafe-verify-audit-chain-command";

const problems = {
  hash_mismatch: "the audit row no longer matches its seal (changed after sealing, or re-sealed without the key; or AUDIT_SEAL_KEY is not the key the chain was sealed with)",
  prev_mismatch: "the seal does not link to the one before it",
  missing_row: "the sealed audit row is gone",
  gap: "seals are missing from the chain",
  unkeyed_seal: "an unkeyed seal where keyed sealing had already begun (the chain was recomputed without the key)",
  anchor_mismatch: "the seal differs from the head anchored outside the database (the history was re-sealed)",
  truncated: "the chain ends before a head anchored outside the database (its newest seals were removed)",
  anchor_invalid: "an anchor in the anchor store does not check (edited or forged)",
  anchors_missing: "the chain has seals but the anchor store has no valid anchor (empty, unreadable, or the wrong AUDIT_ANCHOR_* settings): a chain recomputed without the key could not be told apart",
  stale_unsealed: "audit rows have stayed unsealed far longer than the sealer needs (sealing stopped, blocked, or held off by someone holding its lock)",
} as const;

try {
  const result = await unsafeVerifyAuditChainCommand();
  console.log(`sealed: ${result.sealed}`);
  console.log(`unsealed (waiting for the sealer): ${result.unsealed}`);
  if (result.firstBroken) {
    const { seq, auditId, problem } = result.firstBroken;
    console.error(`BROKEN at seq ${seq ?? "?"}${auditId ? ` (audit row ${auditId})` : ""}: ${problem} — ${problems[problem]}`);
    process.exitCode = 1;
  } else {
    console.log(result.head ? `intact: head seq ${result.head.seq}, hash ${result.head.hash}` : "intact: nothing sealed yet");
  }
  if (result.unkeyed > 0) console.log(`unkeyed seals (written before keyed sealing; protected by the keyed seals after them): ${result.unkeyed}`);
  console.log(`anchors (${result.anchors.store}): ${result.anchors.count}, latest seq ${result.anchors.latestSeq ?? "none"}`);
  if (result.anchors.count === 0 && result.sealed > 0) console.log("warning: no anchors found — a deleted tail cannot be detected (check AUDIT_ANCHOR_* settings)");
} catch (error) {
  // Name and code only: a database driver's message can quote values.
  const e = error as { name?: string; code?: unknown } | null;
  const code = typeof e?.code === "string" ? ` ${e.code}` : "";
  console.error(`The check could not run (${e?.name ?? "error"}${code}). Is the database reachable, and the app stopped if it is embedded?`);
  process.exitCode = 2;
}
