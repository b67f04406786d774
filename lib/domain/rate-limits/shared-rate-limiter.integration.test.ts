// Rate limits shared through the database: two limiter objects (as two app instances hold)
// over one database spend one budget, and a new object (a restart) remembers what was spent.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { sharedRateLimiter } from "./shared-rate-limiter";

const options = (keyPrefix: string) => ({ keyPrefix, points: 5, durationSeconds: 600 });

describe("sharedRateLimiter on PostgreSQL", () => {
  it("two instances share one budget: 5 allowed in all, not 5 each", async () => {
    const prefix = `t-${randomUUID().slice(0, 8)}`;
    const [a, b] = [sharedRateLimiter(options(prefix)), sharedRateLimiter(options(prefix))];
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push((await (i % 2 ? b : a).take("someone@example.test")).allowed);
    expect(answers.filter(Boolean)).toHaveLength(5);
    expect(answers.slice(5)).toEqual([false, false, false, false, false]);
  });

  it("holds against parallel takes from two instances", async () => {
    const prefix = `t-${randomUUID().slice(0, 8)}`;
    const [a, b] = [sharedRateLimiter(options(prefix)), sharedRateLimiter(options(prefix))];
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? b : a).take("parallel")));
    expect(answers.filter((t) => t.allowed)).toHaveLength(5);
  });

  it("survives a restart (a new limiter object)", async () => {
    const prefix = `t-${randomUUID().slice(0, 8)}`;
    const before = sharedRateLimiter(options(prefix));
    for (let i = 0; i < 5; i++) expect((await before.take("10.0.0.1")).allowed).toBe(true);
    const afterRestart = sharedRateLimiter(options(prefix));
    expect(await afterRestart.take("10.0.0.1")).toEqual({ allowed: false, remaining: 0 });
    // Another subject has its own budget.
    expect((await afterRestart.take("10.0.0.2")).allowed).toBe(true);
  });

  it("a refund gives back one attempt, never more than was taken", async () => {
    const prefix = `t-${randomUUID().slice(0, 8)}`;
    const limiter = sharedRateLimiter(options(prefix));
    // Refunds before anything was taken bank no credit.
    for (let i = 0; i < 3; i++) await limiter.refund("x");
    for (let i = 0; i < 5; i++) expect((await limiter.take("x")).allowed).toBe(true);
    expect((await limiter.take("x")).allowed).toBe(false);
    // 6 counted (the refused one too), 2 given back: 4, so exactly one more, then no more.
    await limiter.refund("x");
    await limiter.refund("x");
    expect((await limiter.take("x")).allowed).toBe(true);
    expect((await limiter.take("x")).allowed).toBe(false);
  });

  it("starts a new window when the old one has ended", async () => {
    const limiter = sharedRateLimiter({ keyPrefix: `t-${randomUUID().slice(0, 8)}`, points: 1, durationSeconds: 1 });
    expect((await limiter.take("w")).allowed).toBe(true);
    expect((await limiter.take("w")).allowed).toBe(false);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await limiter.take("w")).toEqual({ allowed: true, remaining: 0 });
    expect((await limiter.take("w")).allowed).toBe(false);
  });

  it("stores subjects hashed, never the email in clear", async () => {
    const prefix = `t-${randomUUID().slice(0, 8)}`;
    await sharedRateLimiter(options(prefix)).take("secret.person@example.test");
    const db = await getDb();
    const rows = await db.rateLimit.findMany({ where: { key: { startsWith: `${prefix}:` } } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.key).toMatch(new RegExp(`^${prefix}:[0-9a-f]{64}$`));
    expect(rows[0]!.points).toBe(1);
  });

  it("costs a few milliseconds per take", async () => {
    const limiter = sharedRateLimiter({ keyPrefix: `t-${randomUUID().slice(0, 8)}`, points: 1000, durationSeconds: 600 });
    await limiter.take("warm-up");
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const started = performance.now();
      await limiter.take(`subject-${i % 3}`);
      times.push(performance.now() - started);
    }
    times.sort((x, y) => x - y);
    const median = times[15]!;
    console.info(`shared rate limiter: median take ${median.toFixed(2)} ms, p90 ${times[27]!.toFixed(2)} ms`);
    // Generous for a shared 2-core machine; typically 1–3 ms.
    expect(median).toBeLessThan(20);
  });
});
