/**
 * The in-process job worker: every app instance polls the jobs table (claims are exclusive,
 * run-jobs.ts), so retries survive restarts and any instance may pick them up; it also does
 * the housekeeping (purging never-sent uploads). Started by startSystem unless JOB_WORKER=0.
 */
import { logger } from "../../log/logger";
import { purgeAbandonedUploads } from "../attachments/purge-abandoned-uploads";
import { sealAuditLogWhenDue } from "../audit/seal-audit-log-when-due";
import { runAlertPassesWhenDue } from "../notifications/run-alert-passes-when-due";
import { jobHandlers } from "./job-handlers";
import { purgeFinishedJobs } from "./purge-finished-jobs";
import { runDueJobs, runJobNow } from "./run-jobs";

const pollMs = 1_000;
/** Housekeeping (deleting never-sent uploads and week-old finished jobs) runs at most this often per instance. */
const housekeepingMs = 10 * 60_000;
let timer: NodeJS.Timeout | undefined;
let running = false;
let lastHousekeeping = 0;

async function housekeeping(): Promise<void> {
  await sealAuditLogWhenDue(); // its own ~5 s schedule; never throws
  await runAlertPassesWhenDue(); // notifications from the outbox (~2 s), SLA sweep (~30 s); never throws
  if (Date.now() - lastHousekeeping < housekeepingMs) return;
  lastHousekeeping = Date.now();
  while ((await purgeAbandonedUploads()) > 0) {
    /* next batch */
  }
  while ((await purgeFinishedJobs()) > 0) {
    /* next batch */
  }
}

async function tick(): Promise<void> {
  if (running) return; // one pass at a time per instance
  running = true;
  try {
    // Keep going while a full batch came back, so a backlog drains without waiting a poll.
    while ((await runDueJobs({ handlers: jobHandlers })) >= 10) {
      /* next batch */
    }
    await housekeeping();
  } catch (error) {
    logger.error({ err: error }, "job worker pass failed");
  } finally {
    running = false;
  }
}

export function startJobWorker(): void {
  if (timer) return;
  timer = setInterval(() => void tick(), pollMs);
  timer.unref();
}

/** Runs a job that was just queued, without waiting for the next poll. Never throws. */
export async function runQueuedJobNow(jobId: string): Promise<void> {
  try {
    await runJobNow(jobId, jobHandlers);
  } catch (error) {
    logger.error({ err: error, jobId }, "immediate job run failed; the worker retries it");
  }
}
