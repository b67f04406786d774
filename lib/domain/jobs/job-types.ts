/** What a job handler answers; the runner turns it into the job row's next state. */
export type JobOutcome =
  | { kind: "done" }
  /** Try again after delayMs (unless the job has used all its attempts: then it is dead). */
  | { kind: "retry"; delayMs: number; error: string }
  /** Give up now; the handler has already recorded what that means for its record. */
  | { kind: "dead"; error: string };

export type ClaimedJob = { id: string; type: string; payload: unknown; attempts: number; maxAttempts: number };

export type JobHandler = {
  run: (job: ClaimedJob) => Promise<JobOutcome>;
  /**
   * Called once when the job is given up for good (attempts used up, including after crashes
   * or a runner that died mid-job), so the record it works on never stays half-done.
   */
  onDead?: (job: ClaimedJob) => Promise<void>;
};

export type JobHandlers = Record<string, JobHandler>;

/**
 * Exponential back-off with jitter: 5 s, 10 s, 20 s … capped at 10 minutes. Jitter spreads the
 * retries of many jobs that failed together (a scanner outage) so they do not return at once.
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(10 * 60_000, 5_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}
