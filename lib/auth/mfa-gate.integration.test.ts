// REQUIRE_STAFF_MFA, enforced where every request gets its actor: getActor() (and so every
// page guard and every API v1 route) refuses an unenrolled staff session; only the set-up
// page's guard and /api/v1/me/mfa/** let it through. Requests are simulated by mocking
// next/headers with a real, encrypted session cookie.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { getURLFromRedirectError } from "next/dist/client/components/redirect";
import { base32Decode, totp } from "./totp";
import { createEnrolledUser, createPasswordUser } from "../domain/mfa/test-fixtures";

const request = vi.hoisted(() => ({ cookie: null as string | null }));

vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "10.70.0.1", "user-agent": "vitest" }),
  cookies: async () => ({
    get: (name: string) => (request.cookie && name === "concierge.session" ? { name, value: request.cookie } : undefined),
  }),
}));

async function signedInAs(user: { id: string; role: string }, signedInAt = Date.now()) {
  const { getAuthSecret } = await import("./secret");
  request.cookie = await encode({ token: { sub: user.id, role: user.role, signedInAt, lastActiveAt: signedInAt } as never, secret: getAuthSecret() });
}

async function withRequireStaffMfa(value: "1" | "0") {
  vi.stubEnv("REQUIRE_STAFF_MFA", value);
  vi.resetModules();
  return {
    ...(await import("./get-actor")),
    ...(await import("./require-actor")),
    me: await import("../../app/api/v1/me/route"),
    mfaStatus: await import("../../app/api/v1/me/mfa/route"),
    mfaEnrolment: await import("../../app/api/v1/me/mfa/enrolment/route"),
    mfaConfirm: await import("../../app/api/v1/me/mfa/enrolment/confirm/route"),
  };
}

const get = (path: string) => new Request(`http://127.0.0.1:3000${path}`);
const post = (path: string, body?: unknown) =>
  new Request(`http://127.0.0.1:3000${path}`, {
    method: "POST",
    headers: { origin: "http://127.0.0.1:3000", "content-type": "application/json" },
    body: JSON.stringify(body ?? {}),
  });
const noParams = { params: Promise.resolve({}) as Promise<Record<string, never>> };

async function redirectTarget(promise: Promise<unknown>): Promise<string | null> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  return isRedirectError(error) ? getURLFromRedirectError(error) : null;
}

beforeAll(() => {
  request.cookie = null;
});
afterAll(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("REQUIRE_STAFF_MFA on", () => {
  it("an unenrolled staff session can do nothing but set up two-step sign-in, then must sign in again", async () => {
    const { user } = await createPasswordUser("CARE_GUIDE");
    const app = await withRequireStaffMfa("1");
    await signedInAs(user, Date.now() - 2000);

    // Every ordinary path fails closed.
    await expect(app.getActor()).rejects.toMatchObject({ name: "MfaSetupRequiredError", code: "FORBIDDEN" });
    const me = await app.me.GET(get("/api/v1/me"), noParams);
    expect(me.status).toBe(403);
    expect(await me.json()).toMatchObject({ detail: "Set up two-step sign-in first." });
    expect(await redirectTarget(app.requireActor(["CARE_GUIDE"]))).toBe("/account/two-step");
    expect(await redirectTarget(app.requireActor())).toBe("/account/two-step");

    // The set-up page's guard and API let it through.
    expect(await app.requireActorForMfaSetup()).toMatchObject({ mfaSetupRequired: true, actor: { userId: user.id } });
    const status = await app.mfaStatus.GET(get("/api/v1/me/mfa"));
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ available: true, required: true, enabled: false });

    const started = await app.mfaEnrolment.POST(post("/api/v1/me/mfa/enrolment"));
    expect(started.status).toBe(201);
    const { secret } = (await started.json()) as { secret: string };
    const confirmed = await app.mfaConfirm.POST(post("/api/v1/me/mfa/enrolment/confirm", { code: totp(base32Decode(secret), Date.now()) }));
    expect(confirmed.status).toBe(200);
    expect(((await confirmed.json()) as { recoveryCodes: string[] }).recoveryCodes).toHaveLength(10);

    // Enrolment ended this session (opened with the password alone)…
    expect(await app.getActor()).toBeNull();
    expect((await app.me.GET(get("/api/v1/me"), noParams)).status).toBe(401);
    // …and a new one (as after signing in with a code) works everywhere.
    await signedInAs(user);
    expect(await app.getActor()).toMatchObject({ userId: user.id });
    expect((await app.me.GET(get("/api/v1/me"), noParams)).status).toBe(200);
  });

  it("lets enrolled staff and members through", async () => {
    const enrolled = await createEnrolledUser("ADMIN");
    const app = await withRequireStaffMfa("1");
    await signedInAs(enrolled.user);
    expect(await app.getActor()).toMatchObject({ userId: enrolled.user.id, role: "ADMIN" });

    const { getDb } = await import("../db/client");
    const member = await (await getDb()).user.findUniqueOrThrow({ where: { email: "member@demo.test" } });
    await signedInAs(member);
    expect(await app.getActor()).toMatchObject({ userId: member.id });
    expect((await app.me.GET(get("/api/v1/me"), noParams)).status).toBe(200);
  });

  it("refuses cross-site writes to the set-up API like any other", async () => {
    const { user } = await createPasswordUser("NURSE");
    const app = await withRequireStaffMfa("1");
    await signedInAs(user);
    const forged = new Request("http://127.0.0.1:3000/api/v1/me/mfa/enrolment", { method: "POST", headers: { origin: "https://evil.example" } });
    expect((await app.mfaEnrolment.POST(forged)).status).toBe(403);
  });
});

describe("REQUIRE_STAFF_MFA off", () => {
  it("an unenrolled staff session works as before", async () => {
    const { user } = await createPasswordUser("NURSE");
    const app = await withRequireStaffMfa("0");
    await signedInAs(user);
    expect(await app.getActor()).toMatchObject({ userId: user.id });
    expect((await app.me.GET(get("/api/v1/me"), noParams)).status).toBe(200);
  });
});
