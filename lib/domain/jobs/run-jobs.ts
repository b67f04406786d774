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
      WHERE id IN (SELECT id FROM jobs WHERE status = 'QUEUED' AND run_at <= $2 AND attempts < max_attempts ORDER BY run_at LIMIT $3 FOR UPDATE SKIP LOCKED)
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
      WHERE id = $2::uuid AND status = 'QUEUED' AND attempts < max_attempts
      RETURNING id, type, payload, attempts, max_attempts`,
    runnerId,
    jobId,
  );
  return rows[0] ? toClaimed(rows[0]) : null;
}

/**
 * Jobs whose runner died mid-job go back in the queue — unless they have used all their
 * attempts (a job that kills its process must not take down an instance every few minutes
 * for ever): those are given up, and their handler's onDead settles the record.
 */
async function requeueStale(db: PrismaClient, handlers: JobHandlers): Promise<void> {
  const staleBefore = new Date(Date.now() - staleAfterMs);
  const exhausted = await db.$queryRawUnsafe<ClaimedRow[]>(
    `UPDATE jobs SET status = 'DEAD', locked_at = NULL, locked_by = NULL, last_error = 'runner died; attempts used up', updated_at = now()
      WHERE status = 'RUNNING' AND locked_at < $1 AND attempts >= max_attempts
      RETURNING id, type, payload, attempts, max_attempts`,
    staleBefore,
  );
  for (const row of exhausted) await settleDead(handlers, toClaimed(row));
  await db.job.updateMany({
    where: { status: "RUNNING", lockedAt: { lt: staleBefore } },
    data: { status: "QUEUED", lockedAt: null, lockedBy: null },
  });
}

async function settleDead(handlers: JobHandlers, job: ClaimedJob): Promise<void> {
  try {
    await handlers[job.type]?.onDead?.(job);
  } catch (error) {
    logger.error({ err: error, jobId: job.id, jobType: job.type }, "settling a dead job failed");
  }
}

/** Whether the job ended dead. Only the runner that holds the claim may finish it. */
async function finish(db: PrismaClient, job: ClaimedJob, outcome: JobOutcome): Promise<boolean> {
  const unlock = { lockedAt: null, lockedBy: null };
  const mine = { id: job.id, status: "RUNNING" as const, lockedBy: runnerId };
  if (outcome.kind === "done") {
    await db.job.updateMany({ where: mine, data: { status: "DONE", lastError: null, ...unlock } });
    return false;
  }
  if (outcome.kind === "retry" && job.attempts < job.maxAttempts) {
    await db.job.updateMany({ where: mine, data: { status: "QUEUED", runAt: new Date(Date.now() + outcome.delayMs), lastError: outcome.error.slice(0, 500), ...unlock } });
    return false;
  }
  const { count } = await db.job.updateMany({ where: mine, data: { status: "DEAD", lastError: outcome.error.slice(0, 500), ...unlock } });
  return count === 1;
}

async function runClaimed(db: PrismaClient, handlers: JobHandlers, job: ClaimedJob): Promise<JobOutcome> {
  const handler = handlers[job.type];
  let outcome: JobOutcome;
  let crashed = false;
  if (!handler) {
    outcome = { kind: "dead", error: `no handler for job type ${job.type}` };
  } else {
    try {
      outcome = await handler.run(job);
    } catch (error) {
      // An unexpected failure is retried like a transient one. Only the error's name is kept:
      // a driver's message may quote values.
      logger.error({ err: error, jobId: job.id, jobType: job.type }, "job failed");
      crashed = true;
      outcome = { kind: "retry", delayMs: 30_000, error: `unexpected ${error instanceof Error ? error.name : "error"}` };
    }
  }
  const dead = await finish(db, job, outcome);
  // A handler that answered "dead" has settled its record itself; a crash or a retry past the
  // last attempt has not.
  if (dead && (crashed || outcome.kind === "retry")) await settleDead(handlers, job);
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
  await requeueStale(db, options.handlers);
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
