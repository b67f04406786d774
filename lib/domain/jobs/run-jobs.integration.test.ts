import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { jobData } from "./enqueue-job";
import type { ClaimedJob, JobHandlers } from "./job-types";
import { runDueJobs, runJobNow } from "./run-jobs";

/** A job type of this test's own, so other tests' jobs are never run here. */
const type = () => `test.${randomUUID()}`;

describe("the job runner", () => {
  it("retries a crashing job, gives it up after its last attempt and settles it once (onDead)", async () => {
    const db = await getDb();
    const t = type();
    const job = await db.job.create({ data: jobData(t, { n: 1 }, { maxAttempts: 2 }) });
    const dead: ClaimedJob[] = [];
    const handlers: JobHandlers = {
      [t]: {
        run: () => Promise.reject(new Error("boom with a value that must not be stored")),
        onDead: async (j) => void dead.push(j),
      },
    };
    await runJobNow(job.id, handlers);
    expect(await db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "QUEUED", attempts: 1, lastError: "unexpected Error" });
    await runDueJobs({ handlers, at: new Date(Date.now() + 60_000), limit: 100 });
    expect(await db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "DEAD", attempts: 2 });
    expect(dead.map((j) => j.id)).toEqual([job.id]);
  });

  it("never claims a job with no attempts left, and gives up a stale one whose runner died on its last attempt", async () => {
    const db = await getDb();
    const t = type();
    const ran: string[] = [];
    const dead: string[] = [];
    const handlers: JobHandlers = { [t]: { run: async (j) => (ran.push(j.id), { kind: "done" }), onDead: async (j) => void dead.push(j.id) } };
    const exhausted = await db.job.create({ data: { ...jobData(t, {}, { maxAttempts: 1 }), attempts: 1 } });
    const stale = await db.job.create({ data: { ...jobData(t, {}, { maxAttempts: 1 }), attempts: 1, status: "RUNNING", lockedAt: new Date(Date.now() - 10 * 60_000), lockedBy: "gone:1" } });
    await runDueJobs({ handlers, limit: 100 });
    expect(ran).toEqual([]);
    expect(await db.job.findUniqueOrThrow({ where: { id: exhausted.id } })).toMatchObject({ status: "QUEUED" });
    expect(await db.job.findUniqueOrThrow({ where: { id: stale.id } })).toMatchObject({ status: "DEAD" });
    expect(dead).toEqual([stale.id]);
  });
});

describe("purgeFinishedJobs", () => {
  it("deletes jobs finished over a week ago, keeps recent, queued and dead ones and the notifications cursor", async () => {
    const db = await getDb();
    const { purgeFinishedJobs, finishedJobRetentionMs } = await import("./purge-finished-jobs");
    const t = type();
    const done = await db.job.create({ data: { ...jobData(t, {}), status: "DONE" } });
    const dead = await db.job.create({ data: { ...jobData(t, {}), status: "DEAD" } });
    const queued = await db.job.create({ data: jobData(t, {}) });
    // A state row of the notifications pass's type (found by type, never by age).
    const cursorLike = await db.job.create({ data: { ...jobData("notifications.cursor", {}), status: "DONE" } });
    const later = new Date(Date.now() + finishedJobRetentionMs + 60_000);
    while ((await purgeFinishedJobs({ now: later })) > 0) {
      /* drain */
    }
    expect(await db.job.findUnique({ where: { id: done.id } })).toBeNull();
    expect(await db.job.findUnique({ where: { id: dead.id } })).not.toBeNull();
    expect(await db.job.findUnique({ where: { id: queued.id } })).not.toBeNull();
    expect(await db.job.findUnique({ where: { id: cursorLike.id } })).not.toBeNull();
    await db.job.deleteMany({ where: { id: { in: [dead.id, queued.id, cursorLike.id] } } });
  });
});
