/**
 * The alert passes inside the job worker's housekeeping (lib/domain/jobs/job-worker.ts),
 * which calls this on every poll (about once a second): outbox → notifications every 2 s,
 * the response-target sweep every SLA_SWEEP_SECONDS (30 s by default). Each pass takes an
 * advisory lock, so with several instances one works and the others step aside. Never
 * throws: a failed pass is logged and retried at the next one.
 */
import { getEnv } from "../../env";
import { logger } from "../../log/logger";
import { unsafeSweepSlaBreaches } from "../sla/unsafe-sweep-sla-breaches";
import { unsafeDeriveNotifications } from "./unsafe-derive-notifications";

const deriveEveryMs = 2_000;
let lastDerive = 0;
let lastSweep = 0;

async function guarded(name: string, pass: () => Promise<unknown>): Promise<void> {
  try {
    await pass();
  } catch (error) {
    // The error's name only: a driver's message can quote row values.
    logger.error({ pass: name, errorName: error instanceof Error ? error.name : typeof error }, "alert pass failed; retried at the next one");
  }
}

export async function runAlertPassesWhenDue(now = Date.now()): Promise<void> {
  if (now - lastDerive >= deriveEveryMs) {
    lastDerive = now;
    await guarded("notifications", async () => {
      // Keep going while full batches come back, so a backlog drains.
      for (let i = 0; i < 10 && (await unsafeDeriveNotifications()).handled >= 500; i++) {
        /* next batch */
      }
    });
  }
  if (now - lastSweep >= getEnv().SLA_SWEEP_SECONDS * 1000) {
    lastSweep = now;
    await guarded("sla", () => unsafeSweepSlaBreaches());
  }
}
