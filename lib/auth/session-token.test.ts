// Session token claims are type-checked (issue 9, item 12): tokens forged with next-auth's
// own encode() and the test secret — what someone holding a leaked AUTH_SECRET could write —
// are refused unless every claim is exactly what we issue.
import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { isSessionExpired } from "./session-policy";
import { MAX_CLOCK_SKEW_MS, parseSessionToken } from "./session-token";

const secret = "unit-test-secret-unit-test-secret-unit-test";
const sub = "0190f5c2-8a4b-7c3d-9e1f-123456789abc";
const limits = { idleMinutesStaff: 15, idleMinutesMember: 30, maxHours: 12 };

/** Encrypt as next-auth does, then decode and parse as the server does. */
async function roundTrip(claims: Record<string, unknown>, now = Date.now()) {
  const raw = await encode({ token: claims as never, secret });
  return parseSessionToken(await decode({ token: raw, secret }), now);
}

describe("parseSessionToken", () => {
  const now = Date.now();
  const valid = { sub, role: "NURSE", signedInAt: now - 60_000, lastActiveAt: now - 1_000 };

  it("accepts what we issue, with next-auth's own iat, exp and jti", async () => {
    expect(await roundTrip(valid, now)).toMatchObject({ ...valid, iat: expect.any(Number), exp: expect.any(Number), jti: expect.any(String) });
    expect(await roundTrip({ ...valid, remember: true }, now)).toMatchObject({ remember: true });
  });

  it("refuses timestamps given as strings (which would skip the idle and absolute limits)", async () => {
    // The old reading: `now >= "…" + n` compares against a string and never expires.
    const stale = { ...valid, signedInAt: String(now - 48 * 3_600_000), lastActiveAt: String(now - 48 * 3_600_000) };
    expect(isSessionExpired(stale as never, limits, now)).toBe(false);
    expect(await roundTrip(stale, now)).toBeNull();
    expect(await roundTrip({ ...valid, lastActiveAt: `${valid.lastActiveAt}` }, now)).toBeNull();
  });

  it("refuses a signedInAt in the future (which would survive every sign-out cut-off)", async () => {
    expect(await roundTrip({ ...valid, signedInAt: now + 365 * 86_400_000, lastActiveAt: now + 365 * 86_400_000 }, now)).toBeNull();
    expect(await roundTrip({ ...valid, signedInAt: now + MAX_CLOCK_SKEW_MS + 1_000, lastActiveAt: now + MAX_CLOCK_SKEW_MS + 1_000 }, now)).toBeNull();
    // Another instance's clock a few seconds ahead is fine.
    expect(await roundTrip({ ...valid, signedInAt: now + 5_000, lastActiveAt: now + 5_000 }, now)).not.toBeNull();
  });

  it("checks the clock bound at each call's own time (the schema is built once, the bound is not)", () => {
    // A last activity alone in the future is refused too.
    expect(parseSessionToken({ ...valid, lastActiveAt: now + MAX_CLOCK_SKEW_MS + 1 }, now)).toBeNull();
    expect(parseSessionToken({ ...valid, lastActiveAt: now + MAX_CLOCK_SKEW_MS }, now)).not.toBeNull();
    // The same token, read later, is within the bound; read earlier, it is not.
    const ahead = { ...valid, signedInAt: now + 2 * MAX_CLOCK_SKEW_MS, lastActiveAt: now + 2 * MAX_CLOCK_SKEW_MS };
    expect(parseSessionToken(ahead, now)).toBeNull();
    expect(parseSessionToken(ahead, now + MAX_CLOCK_SKEW_MS)).not.toBeNull();
    expect(parseSessionToken(ahead, now)).toBeNull();
  });

  it("refuses numbers that are not whole, finite milliseconds", async () => {
    for (const signedInAt of [now - 0.5, 1e300, -1, 0, now / 1000]) {
      expect(await roundTrip({ ...valid, signedInAt }, now)).toBeNull();
    }
    // Not representable in JSON at all, checked directly.
    expect(parseSessionToken({ ...valid, signedInAt: Number.POSITIVE_INFINITY }, now)).toBeNull();
    expect(parseSessionToken({ ...valid, signedInAt: Number.NaN }, now)).toBeNull();
  });

  it("refuses last activity before sign-in", async () => {
    expect(await roundTrip({ ...valid, lastActiveAt: valid.signedInAt - 1 }, now)).toBeNull();
  });

  it("refuses a role or subject that is not ours, missing claims and extra ones", async () => {
    expect(await roundTrip({ ...valid, role: "SUPERUSER" }, now)).toBeNull();
    expect(await roundTrip({ ...valid, role: "admin" }, now)).toBeNull();
    expect(await roundTrip({ ...valid, sub: "admin" }, now)).toBeNull();
    expect(await roundTrip({ ...valid, sub: [sub] }, now)).toBeNull();
    expect(await roundTrip({ ...valid, remember: "yes" }, now)).toBeNull();
    expect(await roundTrip({ ...valid, teamIds: [] }, now)).toBeNull();
    const { role: _role, ...noRole } = valid;
    expect(await roundTrip(noRole, now)).toBeNull();
    expect(parseSessionToken(null, now)).toBeNull();
    expect(parseSessionToken("a string", now)).toBeNull();
  });

  it("a token encrypted with another secret does not even decode", async () => {
    const raw = await encode({ token: valid as never, secret: "another-secret-another-secret-another-secret" });
    expect(parseSessionToken(await decode({ token: raw, secret }).catch(() => null), now)).toBeNull();
  });
});
