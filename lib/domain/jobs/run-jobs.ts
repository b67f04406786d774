/**
 * Runs background jobs from the `jobs` table. Any number of app instances may run this at
 * once: a job is claimed with FOR UPDATE SKIP LOCKED, so each runs in one place. A job whose
 * runner died (RUNNING for longer than staleAfterMs) is put back in the queue.
 */
import { hostname } from "node:os";
import { getDb } from "../../db/client";
import type { PrismaClient } from "../../db/generated/client";
import { logger } from "../../log/logger";
import type { ClaimedJob, JobHandlers, JobOutcome } from "./job-types";

const runnerId = `${hostname()}:${process.pid}`;
const staleAfterMs = 5 * 60_000;

type ClaimedRow = { id: string; type: string; payload: unknown; attempts: number; max_attempts: number };

const toClaimed = (r: ClaimedRow): ClaimedJob => ({ id: r.id, type: r.type, payload: r.payload, attempts: r.attempts, maxAttempts: r.max_attempts });

async function claimDue(db: PrismaClient, at: Date, limit: number): Promise<ClaimedJob[]> {
  const rows = await db.$queryRawUnsafe<ClaimedRow[]>(
    `UPDATE jobs SET status = 'RUNNING', locked_at = now(), locked_by = $1, attempts = attempts + 1, updated_at = now()
      WHERE id IN (SELECT id FROM jobs WHERE status = 'QUEUED' AND run_at <= $2 ORDER BY run_at LIMIT $3 FOR UPDATE SKIP LOCKED)
      RETURNING id, type, payload, attempts, max_attempts`,
    runnerId,
    at,
    limit,
  );
  return rows.map(toClaimed);
}

async function claimOne(db: PrismaClient, jobId: string): Promise<ClaimedJob | null> {
  const rows = await db.$queryRawUnsafe<ClaimedRow[]>(
    `UPDATE jobs SET status = 'RUNNING', locked_at = now(), locked_by = $1, attempts = attempts + 1, updated_at = now()
      WHERE id = $2::uuid AND status = 'QUEUED'
      RETURNING id, type, payload, attempts, max_attempts`,
    runnerId,
    jobId,
  );
  return rows[0] ? toClaimed(rows[0]) : null;
}

async function requeueStale(db: PrismaClient): Promise<void> {
  await db.job.updateMany({
    where: { status: "RUNNING", lockedAt: { lt: new Date(Date.now() - staleAfterMs) } },
    data: { status: "QUEUED", lockedAt: null, lockedBy: null },
  });
}

async function finish(db: PrismaClient, job: ClaimedJob, outcome: JobOutcome): Promise<void> {
  const unlock = { lockedAt: null, lockedBy: null };
  if (outcome.kind === "done") {
    await db.job.update({ where: { id: job.id }, data: { status: "DONE", lastError: null, ...unlock } });
  } else if (outcome.kind === "retry" && job.attempts < job.maxAttempts) {
    await db.job.update({ where: { id: job.id }, data: { status: "QUEUED", runAt: new Date(Date.now() + outcome.delayMs), lastError: outcome.error.slice(0, 500), ...unlock } });
  } else {
    await db.job.update({ where: { id: job.id }, data: { status: "DEAD", lastError: outcome.error.slice(0, 500), ...unlock } });
  }
}

async function runClaimed(db: PrismaClient, handlers: JobHandlers, job: ClaimedJob): Promise<JobOutcome> {
  const handler = handlers[job.type];
  let outcome: JobOutcome;
  if (!handler) {
    outcome = { kind: "dead", error: `no handler for job type ${job.type}` };
  } else {
    try {
      outcome = await handler(job);
    } catch (error) {
      // An unexpected failure is retried like a transient one; the error text is ours, not user content.
      logger.error({ err: error, jobId: job.id, jobType: job.type }, "job failed");
      outcome = { kind: "retry", delayMs: 30_000, error: error instanceof Error ? error.message : String(error) };
    }
  }
  await finish(db, job, outcome);
  return outcome;
}

export type RunJobsOptions = {
  handlers: JobHandlers;
  /** Jobs due at or before this time run (tests pass a later time to skip a back-off). */
  at?: Date;
  limit?: number;
};

/** Claims and runs the jobs that are due; answers how many ran. */
export async function runDueJobs(options: RunJobsOptions): Promise<number> {
  const db = await getDb();
  await requeueStale(db);
  const jobs = await claimDue(db, options.at ?? new Date(), options.limit ?? 10);
  for (const job of jobs) await runClaimed(db, options.handlers, job);
  return jobs.length;
}

/** Runs one queued job now, if no other runner has it (e.g. straight after the request that queued it). */
export async function runJobNow(jobId: string, handlers: JobHandlers): Promise<JobOutcome | null> {
  const db = await getDb();
  const job = await claimOne(db, jobId);
  return job ? runClaimed(db, handlers, job) : null;
}
