import { afterEach, describe, expect, it, vi } from "vitest";

async function loadEnv() {
  vi.resetModules();
  return (await import("./env")).getEnv();
}

describe("configuration", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("defaults to the embedded database and short staff sessions", async () => {
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("NODE_ENV", "test");
    const env = await loadEnv().catch((e: Error) => e);
    // An empty DATABASE_URL is not a postgres URL: it must be rejected, not read as "embedded".
    expect(env).toBeInstanceOf(Error);
    expect((env as Error).message).toContain("DATABASE_URL");
  });

  it("reads defaults when variables are unset", async () => {
    vi.stubEnv("NODE_ENV", "test");
    delete process.env.DATABASE_URL;
    const env = await loadEnv();
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DATA_DIR).toBe(".data");
    expect(env.SESSION_IDLE_MINUTES_STAFF).toBe(15);
    expect(env.SESSION_IDLE_MINUTES_MEMBER).toBe(30);
    expect(env.MIGRATE_ON_START).toBe(true);
  });

  it("names the variable when a value is wrong", async () => {
    vi.stubEnv("SESSION_IDLE_MINUTES_STAFF", "soon");
    await expect(loadEnv()).rejects.toThrow(/SESSION_IDLE_MINUTES_STAFF/);
  });

  it("requires AUTH_SECRET in production outside demo mode", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("DEMO_MODE", "");
    vi.stubEnv("AUTH_SECRET", "");
    delete process.env.AUTH_SECRET;
    delete process.env.AUTH_URL;
    await expect(loadEnv()).rejects.toThrow(/AUTH_SECRET/);
    await expect(loadEnv()).rejects.toThrow(/AUTH_URL/);
  });

  it("keeps the send rate limit at 60 a minute unless a benchmark raises it", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("DEMO_MODE", "1");
    delete process.env.SEND_RATE_LIMIT_PER_MINUTE;
    delete process.env.BENCH_BARE_ROUTE;
    const env = await loadEnv();
    expect(env.SEND_RATE_LIMIT_PER_MINUTE).toBe(60);
    expect(env.BENCH_BARE_ROUTE).toBe(false);
    vi.stubEnv("SEND_RATE_LIMIT_PER_MINUTE", "100000");
    vi.stubEnv("BENCH_BARE_ROUTE", "1");
    const raised = await loadEnv();
    expect(raised.SEND_RATE_LIMIT_PER_MINUTE).toBe(100_000);
    expect(raised.BENCH_BARE_ROUTE).toBe(true);
    vi.stubEnv("SEND_RATE_LIMIT_PER_MINUTE", "0");
    await expect(loadEnv()).rejects.toThrow(/SEND_RATE_LIMIT_PER_MINUTE/);
  });

  it("rejects a database URL that is not PostgreSQL", async () => {
    vi.stubEnv("DATABASE_URL", "mysql://localhost/x");
    await expect(loadEnv()).rejects.toThrow(/DATABASE_URL/);
  });
});
