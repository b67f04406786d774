// Forged session tokens (issue 9, item 12) against the real request path: getActor() and
// the event stream's re-check decode the cookie and must refuse loosely typed claims. The
// cookies are encrypted with next-auth's own encode() and the app's secret, as someone
// holding a leaked AUTH_SECRET could write them.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { createPasswordUser } from "../domain/mfa/test-fixtures";
import { unsafeEndSessions } from "../domain/auth/unsafe-end-sessions";

const request = vi.hoisted(() => ({ cookie: null as string | null }));

vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "10.90.0.1", "user-agent": "vitest" }),
  cookies: async () => ({
    get: (name: string) => (request.cookie && name === "concierge.session" ? { name, value: request.cookie } : undefined),
  }),
}));

async function cookieFor(claims: Record<string, unknown>): Promise<string> {
  const { getAuthSecret } = await import("./secret");
  return encode({ token: claims as never, secret: getAuthSecret() });
}

async function actorWith(claims: Record<string, unknown>) {
  request.cookie = await cookieFor(claims);
  vi.resetModules(); // getActor() is cached per request (React cache): a fresh "request"
  const { getActor } = await import("./get-actor");
  return getActor();
}

async function streamActorWith(claims: Record<string, unknown>, actor: import("../access/actor").Actor) {
  const { streamRecheck } = await import("../realtime/stream-recheck");
  const headers = new Headers({ cookie: `concierge.session=${await cookieFor(claims)}` });
  return (await streamRecheck(headers, actor, actor.origin))();
}

beforeAll(() => {
  request.cookie = null;
});
afterAll(() => vi.resetModules());

describe("forged session tokens", () => {
  it("timestamps given as strings are no session (they skipped the idle and absolute limits)", async () => {
    const { user, actor } = await createPasswordUser("NURSE");
    const now = Date.now();
    expect(await actorWith({ sub: user.id, role: "NURSE", signedInAt: now, lastActiveAt: now })).toMatchObject({ userId: user.id });

    const twoDaysAgo = String(now - 48 * 3_600_000);
    const stale = { sub: user.id, role: "NURSE", signedInAt: twoDaysAgo, lastActiveAt: twoDaysAgo };
    expect(await actorWith(stale)).toBeNull();
    expect(await streamActorWith(stale, actor)).toBeNull();
  });

  it("a signedInAt in the future does not survive sign-out", async () => {
    const { user, actor } = await createPasswordUser("CARE_GUIDE");
    const nextYear = Date.now() + 365 * 86_400_000;
    const forged = { sub: user.id, role: "CARE_GUIDE", signedInAt: nextYear, lastActiveAt: nextYear };
    await unsafeEndSessions(user.id, null, "sign_out");
    expect(await actorWith(forged)).toBeNull();
    expect(await streamActorWith(forged, actor)).toBeNull();
    // A real session begun after the sign-out still works.
    await new Promise((r) => setTimeout(r, 5));
    const now = Date.now();
    expect(await actorWith({ sub: user.id, role: "CARE_GUIDE", signedInAt: now, lastActiveAt: now })).toMatchObject({ userId: user.id });
    expect(await streamActorWith({ sub: user.id, role: "CARE_GUIDE", signedInAt: now, lastActiveAt: now }, actor)).toMatchObject({ userId: user.id });
  });

  it("an unknown role or a non-uuid subject is no session", async () => {
    const { user } = await createPasswordUser("NURSE");
    const now = Date.now();
    expect(await actorWith({ sub: user.id, role: ["NURSE"], signedInAt: now, lastActiveAt: now })).toBeNull();
    expect(await actorWith({ sub: `${user.id} `, role: "NURSE", signedInAt: now, lastActiveAt: now })).toBeNull();
  });
});
