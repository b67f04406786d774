/**
 * `npm run audit:verify` (scripts/audit/verify.ts): the chain check for an operator at the
 * command line, who has shell access to the database anyway — so no actor and no capability.
 * "unsafe" because it skips authorization on purpose; never call it from a request.
 * The run is audited as the system (no actor), and the database is closed afterwards
 * because the command ends: an embedded PGlite directory must be closed cleanly.
 */
import { closeDb, getDb } from "../../db/client";
import { recordAudit } from "./record-audit";
import { auditVerifyDetails } from "./audit-verify-details";
import { walkAuditChain, type ChainVerification } from "./walk-audit-chain";

export async function unsafeVerifyAuditChainCommand(): Promise<ChainVerification> {
  try {
    const db = await getDb();
    const result = await walkAuditChain(db);
    await recordAudit(
      db,
      null,
      {
        action: "audit.verify",
        reason: "command",
        details: auditVerifyDetails(result),
      },
      null,
    );
    return result;
  } finally {
    await closeDb();
  }
}
