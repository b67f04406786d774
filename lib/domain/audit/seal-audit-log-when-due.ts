/**
 * The sealer's schedule inside the job worker's housekeeping (lib/domain/jobs/job-worker.ts),
 * which calls this on every poll: a pass at most every 5 s, a full sweep once an hour (see
 * seal-audit-log.ts for why both). Never throws: a failed pass is logged and simply retried
 * at the next one, and must not stop the worker's other housekeeping.
 *
 * ⚠ SECURITY: a sealer that finds the lock taken ("busy") at every pass for minutes on end is
 * not another instance sealing (its batches take well under a second): someone may be holding
 * the advisory lock to keep rows unsealed. That is logged as an error (at most every 5
 * minutes), and verification reports such rows as `stale_unsealed` (walk-audit-chain.ts).
 */
import { logger } from "../../log/logger";
import { sealAuditLog } from "./seal-audit-log";

const passEveryMs = 5_000;
const fullSweepEveryMs = 60 * 60_000;
/** Leave the worker's poll loop free for jobs; a backlog continues at the next pass. */
const timeBudgetMs = 2_000;
/** Busy at every pass for this long: logged as an error, again every as long. */
const busyAlarmAfterMs = 5 * 60_000;

let lastPass = 0;
let lastFullSweep = 0;
let busySince: number | null = null;
let lastBusyAlarm = 0;

function noteBusy(busy: boolean, now: number): void {
  if (!busy) {
    busySince = null;
    return;
  }
  busySince ??= now;
  if (now - busySince >= busyAlarmAfterMs && now - lastBusyAlarm >= busyAlarmAfterMs) {
    lastBusyAlarm = now;
    logger.error({ busyForSeconds: Math.round((now - busySince) / 1000) }, "audit sealing held off: the sealer's lock has been taken at every pass; rows stay unsealed (check pg_locks for advisory lock 418581342580)");
  }
}

export async function sealAuditLogWhenDue(now = Date.now()): Promise<void> {
  if (now - lastPass < passEveryMs) return;
  lastPass = now;
  const fullSweep = now - lastFullSweep >= fullSweepEveryMs;
  try {
    const result = await sealAuditLog({ fullSweep, timeBudgetMs });
    noteBusy(result.busy, now);
    // A sweep only counts once it got to the end; otherwise the next pass sweeps again.
    if (fullSweep && result.drained) lastFullSweep = now;
  } catch (error) {
    // The error's name only: a driver's message can quote row values.
    logger.error({ errorName: error instanceof Error ? error.name : typeof error }, "audit sealing pass failed; retried at the next pass");
  }
}
