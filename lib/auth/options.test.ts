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
const U1 = "0190f5c2-8a4b-7c3d-9e1f-000000000001";
const U2 = "0190f5c2-8a4b-7c3d-9e1f-000000000002";
const U3 = "0190f5c2-8a4b-7c3d-9e1f-000000000003";

describe("session token callback", () => {
  it("stamps role and times at sign-in", async () => {
    const jwt = await jwtCallback();
    const token = await jwt({ token: { sub: U1 }, user: { id: U1, role: "NURSE" } });
    expect(token).toMatchObject({ sub: U1, role: "NURSE" });
    expect(typeof token.signedInAt).toBe("number");
    expect(token.lastActiveAt).toBe(token.signedInAt);
  });

  it("refuses a staff token idle for 15 minutes", async () => {
    const jwt = await jwtCallback();
    const now = Date.now();
    const stale = { sub: U1, role: "CARE_GUIDE", signedInAt: now - minutes(20), lastActiveAt: now - minutes(15) };
    await expect(jwt({ token: stale })).rejects.toThrow(/expired/);
  });

  it("keeps a member token idle for 15 minutes (members get 30)", async () => {
    const jwt = await jwtCallback();
    const now = Date.now();
    const token = { sub: U2, role: "MEMBER", signedInAt: now - minutes(20), lastActiveAt: now - minutes(15) };
    await expect(jwt({ token })).resolves.toMatchObject({ lastActiveAt: token.lastActiveAt });
  });

  it("extends the session only on an explicit activity report", async () => {
    const jwt = await jwtCallback();
    const now = Date.now();
    const token = { sub: U2, role: "MEMBER", signedInAt: now - minutes(10), lastActiveAt: now - minutes(5) };
    expect((await jwt({ token: { ...token } })).lastActiveAt).toBe(token.lastActiveAt);
    expect((await jwt({ token: { ...token }, trigger: "update" })).lastActiveAt).toBeGreaterThan(token.lastActiveAt);
  });

  it("refuses a token without the fields we stamp", async () => {
    const jwt = await jwtCallback();
    await expect(jwt({ token: { sub: U3 } })).rejects.toThrow(/expired/);
  });

  it("remembers the device only when the person asked", async () => {
    const jwt = await jwtCallback();
    expect(await jwt({ token: { sub: U1 }, user: { id: U1, role: "NURSE", remember: true } })).toMatchObject({ remember: true });
    expect(await jwt({ token: { sub: U1, name: "N", email: "n@x.test" }, user: { id: U1, role: "NURSE" } })).toEqual({
      sub: U1,
      role: "NURSE",
      signedInAt: expect.any(Number),
      lastActiveAt: expect.any(Number),
      remember: false,
    });
  });

  it("refuses timestamps given as strings, which the limits cannot compare", async () => {
    const jwt = await jwtCallback();
    const old = String(Date.now() - 48 * 3_600_000);
    await expect(jwt({ token: { sub: U1, role: "NURSE", signedInAt: old, lastActiveAt: old } })).rejects.toThrow(/expired/);
  });

  it("refuses a signedInAt in the future", async () => {
    const jwt = await jwtCallback();
    const later = Date.now() + 86_400_000;
    await expect(jwt({ token: { sub: U1, role: "NURSE", signedInAt: later, lastActiveAt: later } })).rejects.toThrow(/expired/);
  });

  it("refuses an unknown role or a subject that is not a uuid", async () => {
    const jwt = await jwtCallback();
    const now = Date.now();
    await expect(jwt({ token: { sub: U1, role: "ROOT", signedInAt: now, lastActiveAt: now } })).rejects.toThrow(/expired/);
    await expect(jwt({ token: { sub: "admin", role: "ADMIN", signedInAt: now, lastActiveAt: now } })).rejects.toThrow(/expired/);
  });
});
