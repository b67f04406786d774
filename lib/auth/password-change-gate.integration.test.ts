// Accounts an administrator creates (or whose password an administrator resets) carry a
// one-time password that must be changed at first sign-in: until then every page redirects
// to the change-password page and every API route answers 403, except the change itself.
// An administrator can also reset a lost second factor. Requests are simulated by mocking
// next/headers with a real, encrypted session cookie (as in mfa-gate.integration.test.ts).
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { getURLFromRedirectError } from "next/dist/client/components/redirect";
import { actorFor } from "../../test/actors";
import { getDb } from "../db/client";
import { createStaffUser } from "../domain/admin/create-staff-user";
import { createApiClient } from "../domain/admin/create-api-client";
import { resetUserMfa } from "../domain/admin/reset-user-mfa";
import { resetUserPassword } from "../domain/admin/reset-user-password";
import { listAuditEvents } from "../domain/audit/list-audit-events";
import { knownAuditActions } from "../domain/audit/schemas";
import { signIn } from "../domain/auth/sign-in";
import { createEnrolledUser } from "../domain/mfa/test-fixtures";
import { createTeam } from "../domain/tickets/test-fixtures";

const request = vi.hoisted(() => ({ cookie: null as string | null }));

vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "10.95.0.1", "user-agent": "vitest" }),
  cookies: async () => ({
    get: (name: string) => (request.cookie && name === "concierge.session" ? { name, value: request.cookie } : undefined),
  }),
}));

const origin = { ip: "10.95.0.1", userAgent: "vitest" };
const tag = () => randomBytes(4).toString("hex");

async function signedInAs(user: { id: string; role: string }, signedInAt = Date.now()) {
  const { getAuthSecret } = await import("./secret");
  request.cookie = await encode({ token: { sub: user.id, role: user.role, signedInAt, lastActiveAt: signedInAt } as never, secret: getAuthSecret() });
}

async function app() {
  vi.stubEnv("REQUIRE_STAFF_MFA", "0");
  vi.resetModules();
  return {
    ...(await import("./get-actor")),
    ...(await import("./require-actor")),
    me: await import("../../app/api/v1/me/route"),
    password: await import("../../app/api/v1/me/password/route"),
    mfaStatus: await import("../../app/api/v1/me/mfa/route"),
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

function asText(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

beforeAll(() => {
  request.cookie = null;
});
afterAll(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("the one-time password of an account an administrator created", () => {
  it("must be changed first: every page and API route is closed until then; the change ends other sessions", async () => {
    const admin = await actorFor("admin@demo.test");
    const team = await createTeam();
    const email = `first.${tag()}@test.example`;
    const { user, oneTimePassword } = await createStaffUser(admin, { name: "First Signin", email, role: "CARE_GUIDE", teamIds: [team.teamId] });
    expect(user).toMatchObject({ passwordChangeRequired: true, mfaEnabled: false });
    expect(await signIn({ email, password: oneTimePassword }, origin)).toMatchObject({ kind: "signed_in" });

    const m = await app();
    const otherSessionStartedAt = Date.now();
    await signedInAs({ id: user.id, role: "CARE_GUIDE" });
    const oldCookie = request.cookie;

    await expect(m.getActor()).rejects.toMatchObject({ name: "PasswordChangeRequiredError", code: "FORBIDDEN" });
    const me = await m.me.GET(get("/api/v1/me"), noParams);
    expect(me.status).toBe(403);
    expect(await me.json()).toMatchObject({ detail: "Change your one-time password first." });
    expect((await m.mfaStatus.GET(get("/api/v1/me/mfa"))).status).toBe(403);
    expect(await redirectTarget(m.requireActor(["CARE_GUIDE"]))).toBe("/account/password");
    expect(await redirectTarget(m.requireActorForMfaSetup())).toBe("/account/password");
    expect(await m.requireActorForPasswordChange()).toMatchObject({ passwordChangeRequired: true, actor: { userId: user.id } });

    // Wrong current password, weak or same new password: field errors, nothing changed.
    const wrong = await m.password.POST(post("/api/v1/me/password", { currentPassword: "not-it", newPassword: "a long new passphrase" }));
    expect(wrong.status).toBe(422);
    expect(await wrong.json()).toMatchObject({ errors: [{ path: "currentPassword" }] });
    const short = await m.password.POST(post("/api/v1/me/password", { currentPassword: oneTimePassword, newPassword: "short" }));
    expect(short.status).toBe(422);
    expect(await short.json()).toMatchObject({ errors: [{ path: "newPassword" }] });
    const same = await m.password.POST(post("/api/v1/me/password", { currentPassword: oneTimePassword, newPassword: oneTimePassword }));
    expect(same.status).toBe(422);
    const withEmail = await m.password.POST(post("/api/v1/me/password", { currentPassword: oneTimePassword, newPassword: `my ${email.split("@")[0]} pass` }));
    expect(withEmail.status).toBe(422);

    // Cross-site writes are refused like everywhere else.
    const forged = new Request("http://127.0.0.1:3000/api/v1/me/password", {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/json" },
      body: JSON.stringify({ currentPassword: oneTimePassword, newPassword: "correct horse battery staple" }),
    });
    expect((await m.password.POST(forged)).status).toBe(403);

    const newPassword = "correct horse battery staple";
    const changed = await m.password.POST(post("/api/v1/me/password", { currentPassword: oneTimePassword, newPassword }));
    expect(changed.status).toBe(204);
    const setCookie = changed.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^concierge\.session=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/);

    // This browser carries on with its new cookie; the old cookie and every other session have ended.
    request.cookie = /^concierge\.session=([^;]+)/.exec(setCookie)![1]!;
    expect(await m.getActor()).toMatchObject({ userId: user.id });
    expect((await m.me.GET(get("/api/v1/me"), noParams)).status).toBe(200);
    request.cookie = oldCookie;
    expect(await m.getActor()).toBeNull();
    await signedInAs({ id: user.id, role: "CARE_GUIDE" }, otherSessionStartedAt);
    expect(await m.getActor()).toBeNull();

    // The one-time password no longer signs in; the new one does.
    expect(await signIn({ email, password: oneTimePassword }, origin)).toEqual({ kind: "failed" });
    expect(await signIn({ email, password: newPassword }, origin)).toMatchObject({ kind: "signed_in" });

    const db = await getDb();
    const rows = await db.auditLog.findMany({ where: { actorId: user.id, action: "auth.password_change" }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.outcome, r.reason])).toEqual([
      ["DENIED", "bad_password"],
      ["ALLOWED", null],
    ]);
    expect(rows[1]!.details).toEqual({ oneTimePassword: true });
    expect(asText(rows)).not.toContain(newPassword);
    expect(asText(rows)).not.toContain(oneTimePassword);
  });

  it("is required again after an administrator's password reset; demo accounts are never gated", async () => {
    const admin = await actorFor("admin@demo.test");
    const { user, oneTimePassword } = await createStaffUser(admin, { name: "Reset Me", email: `reset.${tag()}@test.example`, role: "NURSE" });
    const db = await getDb();
    await db.user.update({ where: { id: user.id }, data: { passwordChangeRequired: false } });
    expect(oneTimePassword).toBeTruthy();
    await resetUserPassword(admin, user.id);
    const m = await app();
    await sleep(5);
    await signedInAs({ id: user.id, role: "NURSE" });
    await expect(m.getActor()).rejects.toMatchObject({ name: "PasswordChangeRequiredError" });

    const guide = await db.user.findUniqueOrThrow({ where: { email: "guide@demo.test" } });
    expect(guide.passwordChangeRequired).toBe(false);
    await signedInAs(guide);
    expect(await m.getActor()).toMatchObject({ userId: guide.id });
  });
});

describe("an administrator's reset of a lost second factor", () => {
  it("deletes the secret and recovery codes, ends every session, and makes the person enrol again first", async () => {
    const admin = await actorFor("admin@demo.test");
    const { user, recoveryCodes } = await createEnrolledUser("PHYSICIAN", "10.96.0.1");
    await sleep(5);
    const before = Date.now();
    await sleep(5);

    const person = await resetUserMfa(admin, user.id);
    expect(person).toMatchObject({ id: user.id, mfaEnabled: false });
    const db = await getDb();
    expect(await db.mfaRecoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ mfaSecretEncrypted: null, mfaEnabledAt: null, mfaEnrolmentRequired: true });
    expect(asText(await db.auditLog.findMany({ where: { action: "user.mfa_reset", recordId: user.id } }))).not.toContain(recoveryCodes[0]!);
    expect(await db.auditLog.count({ where: { actorId: admin.userId, action: "user.mfa_reset", recordId: user.id, outcome: "ALLOWED" } })).toBe(1);

    const m = await app(); // REQUIRE_STAFF_MFA off: the reset alone requires set-up
    await signedInAs(user, before);
    expect(await m.getActor()).toBeNull();
    await signedInAs(user);
    await expect(m.getActor()).rejects.toMatchObject({ name: "MfaSetupRequiredError" });
    expect(await redirectTarget(m.requireActor())).toBe("/account/two-step");
    const status = await m.mfaStatus.GET(get("/api/v1/me/mfa"));
    expect(await status.json()).toMatchObject({ required: true, enabled: false });

    // A second reset has nothing to reset.
    await expect(resetUserMfa(admin, user.id)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("is for admins only, never one's own account, members or unknown ids", async () => {
    const admin = await actorFor("admin@demo.test");
    const guide = await actorFor("guide@demo.test");
    const { user } = await createEnrolledUser("NURSE", "10.97.0.1");
    await expect(resetUserMfa(guide, user.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(resetUserMfa(admin, admin.userId)).rejects.toMatchObject({ code: "CONFLICT" });
    const member = await actorFor("member@demo.test");
    await expect(resetUserMfa(admin, member.userId)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(resetUserMfa(admin, "00000000-0000-7000-8000-000000000000")).rejects.toMatchObject({ code: "NOT_FOUND" });
    const db = await getDb();
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ mfaEnabledAt: expect.any(Date) });
    // The denial is audited under the capability it lacked, naming the person it aimed at.
    expect(await db.auditLog.count({ where: { actorId: guide.userId, action: "user.manage", recordId: user.id, outcome: "DENIED" } })).toBe(1);
  });
});

describe("accounts and keys an administrator creates for a team", () => {
  it("are audited as such, per team, without secrets, and compliance finds them by action", async () => {
    const admin = await actorFor("admin@demo.test");
    const compliance = await actorFor("compliance@demo.test");
    const team = await createTeam();
    const { user, oneTimePassword } = await createStaffUser(admin, { name: "Team Hire", email: `hire.${tag()}@test.example`, role: "NURSE", teamIds: [team.teamId] });
    const { client, key } = await createApiClient(admin, { name: `Client ${tag()}`, role: "CARE_GUIDE", teamIds: [team.teamId] });

    for (const action of ["user.create", "team.staff_account_create", "apiClient.create", "team.api_client_create", "user.mfa_reset", "auth.password_change"]) {
      expect(knownAuditActions).toContain(action);
    }
    const staffRows = (await listAuditEvents(compliance, { action: "team.staff_account_create", limit: 50 })).items;
    const staffRow = staffRows.find((r) => r.recordId === team.teamId);
    expect(staffRow).toMatchObject({ actorId: admin.userId, recordType: "team", details: { userId: user.id, role: "NURSE" } });
    const keyRows = (await listAuditEvents(compliance, { action: "team.api_client_create", limit: 50 })).items;
    const keyRow = keyRows.find((r) => r.recordId === team.teamId);
    expect(keyRow).toMatchObject({ actorId: admin.userId, recordType: "team", details: { apiClientId: client.id, keyPrefix: client.keyPrefix } });
    expect(asText([staffRows, keyRows])).not.toContain(oneTimePassword);
    expect(asText([staffRows, keyRows])).not.toContain(key);
  });
});
