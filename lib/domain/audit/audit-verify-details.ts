/** The `details` of an `audit.verify` row: counts, seq numbers and the problem — never row contents. */
import type { ChainVerification } from "./walk-audit-chain";

export function auditVerifyDetails(result: ChainVerification) {
  return {
    ok: result.ok,
    sealed: result.sealed,
    unkeyed: result.unkeyed,
    unsealed: result.unsealed,
    brokenSeq: result.firstBroken?.seq ?? null,
    problem: result.firstBroken?.problem ?? null,
    anchors: result.anchors.count,
    anchoredSeq: result.anchors.latestSeq,
  };
}
