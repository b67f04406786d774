// The server-side half of automatic logoff: next-auth's jwt callback refuses a token whose
// idle or absolute limit has passed (next-auth then clears the cookie), and only an
// explicit activity report moves lastActiveAt.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

beforeAll(() => {
  vi.stubEnv("AUTH_SECRET", "unit-test-secret-unit-test-secret-unit-test");
  vi.stubEnv("SESSION_IDLE_MINUTES_STAFF", "15");
  vi.stubEnv("SESSION_IDLE_MINUTES_MEMBER", "30");
});
afterAll(() => vi.unstubAllEnvs());

async function jwtCallback() {
  vi.resetModules();
  const { authOptions } = await import("./options");
  const jwt = authOptions().callbacks!.jwt!;
  return (args: Record<string, unknown>) => jwt(args as never);
}

const minutes = (n: number) => n * 60_000;

describe("session token callback", () => {
  it("stamps role and times at sign-in", async () => {
    const jwt = await jwtCallback();
    const token = await jwt({ token: { sub: "u1" }, user: { id: "u1", role: "NURSE" } });
    expect(token).toMatchObject({ sub: "u1", role: "NURSE" });
    expect(typeof token.signedInAt).toBe("number");
    expect(token.lastActiveAt).toBe(token.signedInAt);
  });

  it("refuses a staff token idle for 15 minutes", async () => {
    const jwt = await jwtCallback();
    const now = Date.now();
    const stale = { sub: "u1", role: "CARE_GUIDE", signedInAt: now - minutes(20), lastActiveAt: now - minutes(15) };
    await expect(jwt({ token: stale })).rejects.toThrow(/expired/);
  });

  it("keeps a member token idle for 15 minutes (members get 30)", async () => {
    const jwt = await jwtCallback();
    const now = Date.now();
    const token = { sub: "u2", role: "MEMBER", signedInAt: now - minutes(20), lastActiveAt: now - minutes(15) };
    await expect(jwt({ token })).resolves.toMatchObject({ lastActiveAt: token.lastActiveAt });
  });

  it("extends the session only on an explicit activity report", async () => {
    const jwt = await jwtCallback();
    const now = Date.now();
    const token = { sub: "u2", role: "MEMBER", signedInAt: now - minutes(10), lastActiveAt: now - minutes(5) };
    expect((await jwt({ token: { ...token } })).lastActiveAt).toBe(token.lastActiveAt);
    expect((await jwt({ token: { ...token }, trigger: "update" })).lastActiveAt).toBeGreaterThan(token.lastActiveAt);
  });

  it("refuses a token without the fields we stamp", async () => {
    const jwt = await jwtCallback();
    await expect(jwt({ token: { sub: "u3" } })).rejects.toThrow(/expired/);
  });
});
