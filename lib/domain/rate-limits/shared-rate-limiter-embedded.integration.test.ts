// The shared rate limits on the embedded default (PGlite, as `npm run demo` runs): the
// Prisma store's upsert and the refund work there too, and a new limiter object (a
// restart) remembers what was spent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leaveEmbedded, switchToEmbedded, type EmbeddedDatabase } from "../../../test/embedded-database";

let database: EmbeddedDatabase | undefined;
let sharedRateLimiter: typeof import("./shared-rate-limiter").sharedRateLimiter;

beforeAll(async () => {
  database = await switchToEmbedded("rate-limits");
  expect(database.client.databaseKind()).toBe("pglite");
  ({ sharedRateLimiter } = await import("./shared-rate-limiter"));
}, 120_000);

afterAll(() => leaveEmbedded(database));

describe("sharedRateLimiter on embedded PGlite", () => {
  it("two limiter objects share one budget, a refund gives one back, a restart forgets nothing", async () => {
    const options = { keyPrefix: "embedded", points: 3, durationSeconds: 600 };
    const [a, b] = [sharedRateLimiter(options), sharedRateLimiter(options)];
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? b : a).take("someone")));
    expect(answers.filter((t) => t.allowed)).toHaveLength(3);

    await a.refund("someone");
    await a.refund("someone");
    await a.refund("someone");
    // 6 counted, 3 given back: 3, the whole budget, still spent.
    const restarted = sharedRateLimiter(options);
    expect((await restarted.take("someone")).allowed).toBe(false);
    await restarted.clear("someone");
    expect(await restarted.take("someone")).toEqual({ allowed: true, remaining: 2 });
  });
});
