// The session cookie is a browser-session cookie unless the person asked to be kept signed
// in on a private device; then it lives for what is left of the absolute limit.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { cookieLifetime, withCookieLifetime } from "./session-cookie-lifetime";

const secret = "unit-test-secret-unit-test-secret-unit-test";
const sub = "0190f5c2-8a4b-7c3d-9e1f-123456789abc";

describe("withCookieLifetime", () => {
  const written = "concierge.session=abc.def; Path=/; Expires=Wed, 01 Jan 2031 00:00:00 GMT; HttpOnly; SameSite=Lax";

  it("drops Expires and Max-Age for a browser-session cookie, keeping everything else", () => {
    expect(withCookieLifetime(written, { persistent: false })).toBe("concierge.session=abc.def; Path=/; HttpOnly; SameSite=Lax");
    expect(withCookieLifetime("a=b; Max-Age=99; Secure", { persistent: false })).toBe("a=b; Secure");
  });

  it("sets Max-Age (and no Expires) for a remembered one", () => {
    expect(withCookieLifetime(written, { persistent: true, maxAgeSeconds: 3600 })).toBe("concierge.session=abc.def; Path=/; HttpOnly; SameSite=Lax; Max-Age=3600");
  });
});

describe("cookieLifetime", () => {
  const now = Date.UTC(2026, 11, 2, 12);
  it("is the browser session unless remembered", () => {
    expect(cookieLifetime({ remember: false, signedInAt: now }, 12, now)).toEqual({ persistent: false });
    expect(cookieLifetime({ signedInAt: now }, 12, now)).toEqual({ persistent: false });
    expect(cookieLifetime(null, 12, now)).toEqual({ persistent: false });
  });

  it("is what is left of the absolute limit when remembered", () => {
    expect(cookieLifetime({ remember: true, signedInAt: now }, 12, now)).toEqual({ persistent: true, maxAgeSeconds: 12 * 3600 });
    expect(cookieLifetime({ remember: true, signedInAt: now - 3_600_000 }, 12, now)).toEqual({ persistent: true, maxAgeSeconds: 11 * 3600 });
    expect(cookieLifetime({ remember: true, signedInAt: now - 13 * 3_600_000 }, 12, now)).toEqual({ persistent: true, maxAgeSeconds: 0 });
  });
});

describe("applySessionCookieLifetime (what the next-auth route answers)", () => {
  beforeAll(() => {
    vi.stubEnv("AUTH_SECRET", secret);
    vi.stubEnv("AUTH_URL", "http://127.0.0.1:3000");
    vi.stubEnv("SESSION_MAX_HOURS", "12");
  });
  afterAll(() => vi.unstubAllEnvs());

  async function answer(claims: Record<string, unknown>) {
    vi.resetModules();
    const { applySessionCookieLifetime } = await import("./session-cookie-lifetime");
    const value = await encode({ token: claims as never, secret });
    const headers = new Headers();
    // As next-auth 4 writes it: Expires = now + session.maxAge.
    headers.append("set-cookie", `concierge.session=${value}; Path=/; Expires=${new Date(Date.now() + 12 * 3_600_000).toUTCString()}; HttpOnly; SameSite=Lax`);
    headers.append("set-cookie", "next-auth.csrf-token=x; Path=/; HttpOnly; SameSite=Lax");
    const response = await applySessionCookieLifetime(new Response("{}", { status: 200, headers }));
    return response.headers.getSetCookie();
  }

  it("a session that did not ask to be remembered ends with the browser", async () => {
    const now = Date.now();
    const [session, csrf] = await answer({ sub, role: "NURSE", signedInAt: now, lastActiveAt: now, remember: false });
    expect(session).toMatch(/^concierge\.session=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(session).not.toMatch(/expires|max-age/i);
    expect(csrf).toBe("next-auth.csrf-token=x; Path=/; HttpOnly; SameSite=Lax");
  });

  it("a remembered session lives until the absolute limit", async () => {
    const now = Date.now();
    const [session] = await answer({ sub, role: "MEMBER", signedInAt: now - 3_600_000, lastActiveAt: now, remember: true });
    const maxAge = Number(/Max-Age=(\d+)/.exec(session!)?.[1]);
    expect(maxAge).toBeGreaterThan(11 * 3600 - 60);
    expect(maxAge).toBeLessThanOrEqual(11 * 3600);
    expect(session).not.toMatch(/expires/i);
  });

  it("a forged claim is not remembered", async () => {
    const now = Date.now();
    const [session] = await answer({ sub, role: "MEMBER", signedInAt: String(now), lastActiveAt: now, remember: true });
    expect(session).not.toMatch(/expires|max-age/i);
  });
});
