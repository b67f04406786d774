/**
 * The sealer's schedule inside the job worker's housekeeping (lib/domain/jobs/job-worker.ts),
 * which calls this on every poll: a pass at most every 5 s, a full sweep once an hour (see
 * seal-audit-log.ts for why both). Never throws: a failed pass is logged and simply retried
 * at the next one, and must not stop the worker's other housekeeping.
 */
import { logger } from "../../log/logger";
import { sealAuditLog } from "./seal-audit-log";

const passEveryMs = 5_000;
const fullSweepEveryMs = 60 * 60_000;
/** Leave the worker's poll loop free for jobs; a backlog continues at the next pass. */
const timeBudgetMs = 2_000;

let lastPass = 0;
let lastFullSweep = 0;

export async function sealAuditLogWhenDue(now = Date.now()): Promise<void> {
  if (now - lastPass < passEveryMs) return;
  lastPass = now;
  const fullSweep = now - lastFullSweep >= fullSweepEveryMs;
  try {
    const result = await sealAuditLog({ fullSweep, timeBudgetMs });
    // A sweep only counts once it got to the end; otherwise the next pass sweeps again.
    if (fullSweep && result.drained) lastFullSweep = now;
  } catch (error) {
    // The error's name only: a driver's message can quote row values.
    logger.error({ errorName: error instanceof Error ? error.name : typeof error }, "audit sealing pass failed; retried at the next pass");
  }
}
