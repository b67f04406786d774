/**
 * Checks the audit hash chain end to end (compliance and admins: `audit.verify`). The check
 * itself is audited, with its outcome, so a verification that found a break is on record
 * even if someone later repairs the chain.
 */
import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { authorize } from "./authorize";
import { recordAudit } from "./record-audit";
import { auditVerifyDetails } from "./audit-verify-details";
import { walkAuditChain, type ChainVerification } from "./walk-audit-chain";

export type { ChainVerification } from "./walk-audit-chain";

// A walk reads the whole chain: requests that arrive while one runs share its answer
// (each is still audited), so repeated clicks cannot pile up full scans.
let running: Promise<ChainVerification> | null = null;

function sharedWalk(): Promise<ChainVerification> {
  running ??= getDb()
    .then(walkAuditChain)
    .finally(() => {
      running = null;
    });
  return running;
}

export async function verifyAuditChain(actor: Actor): Promise<ChainVerification> {
  await authorize(actor, "audit.verify");
  const result = await sharedWalk();
  await recordAudit(await getDb(), actor, {
    action: "audit.verify",
    outcome: "ALLOWED",
    details: auditVerifyDetails(result),
  });
  return result;
}
