/**
 * `npx tsx scripts/audit/start-anchors.ts` — once, when upgrading a database whose audit chain
 * holds only unkeyed seals (written before keyed sealing) and whose anchor store is empty: the
 * sealer will not guess where keyed sealing starts (docs/audit.md "Starting the anchors"), so
 * it seals nothing until this has run. Run it only on a database you trust as it is now: it
 * vouches for the unkeyed history up to the current head. Needs the app's AUDIT_SEAL_KEY and
 * AUDIT_ANCHOR_* settings. Prints seq numbers only. Exit status: 0 started, 1 refused.
 */
import { unsafeStartAuditAnchorsCommand } from "../../lib/domain/audit/unsafe-start-audit-anchors";

try {
  const result = await unsafeStartAuditAnchorsCommand();
  if (result.started) {
    console.log(`anchors started: unkeyed seals up to seq ${result.head} accepted; keyed sealing from seq ${result.keyedFrom}`);
  } else {
    console.error(`not started: ${result.reason}${result.firstBroken ? ` (chain broken at seq ${result.firstBroken.seq ?? "?"}: ${result.firstBroken.problem})` : ""}`);
    process.exitCode = 1;
  }
} catch (error) {
  // Name and code only: a database driver's message can quote values.
  const e = error as { name?: string; code?: unknown } | null;
  console.error(`Could not run (${e?.name ?? "error"}${typeof e?.code === "string" ? ` ${e.code}` : ""}).`);
  process.exitCode = 2;
}
