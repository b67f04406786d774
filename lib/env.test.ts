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

  it("rejects a database URL that is not PostgreSQL", async () => {
    vi.stubEnv("DATABASE_URL", "mysql://localhost/x");
    await expect(loadEnv()).rejects.toThrow(/DATABASE_URL/);
  });
});
