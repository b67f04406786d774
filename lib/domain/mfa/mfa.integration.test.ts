// Two-step sign-in end to end through the domain: enrol → sign-in needs a code → wrong
// codes refused, audited and rate-limited → a recovery code works once → turn off.
import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { ZodError } from "zod";
import { actorFor } from "../../../test/actors";
import { base32Decode, totp } from "../../auth/totp";
import { hashApiKey } from "../../auth/api-key";
import { getDb } from "../../db/client";
import { isAppError } from "../../errors";
import { signIn } from "../auth/sign-in";
import { signInWithPassword } from "../auth/sign-in-with-password";
import { unsafeLoadActor } from "../auth/unsafe-load-actor";
import { unsafeLoadApiClientActor } from "../auth/unsafe-load-api-client-actor";
import { confirmMfaEnrolment } from "./confirm-mfa-enrolment";
import { disableMfa } from "./disable-mfa";
import { getMfaStatus } from "./get-mfa-status";
import { renewRecoveryCodes } from "./renew-recovery-codes";
import { startMfaEnrolment } from "./start-mfa-enrolment";
import { createEnrolledUser, createPasswordUser, nextCode } from "./test-fixtures";

const origin = (ip: string) => ({ ip, userAgent: "vitest" });

async function auditRows(userId: string) {
  const db = await getDb();
  return db.auditLog.findMany({ where: { actorId: userId }, orderBy: { id: "asc" } });
}

/** The AppError code a call fails with (a ZodError is the API's INVALID_INPUT too). */
async function appErrorCode(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (error instanceof ZodError) return "INVALID_INPUT";
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error.code;
}

/** Audit rows as text, to prove no secret or code is in any column. */
function asText(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

describe("enrolment", () => {
  it("shows a secret, confirms with a first valid code, answers 10 recovery codes once, ends every session", async () => {
    const { user, actor } = await createPasswordUser("CARE_GUIDE", "10.60.0.1");
    expect(await getMfaStatus(actor)).toMatchObject({ available: true, enabled: false, recoveryCodesRemaining: 0 });

    const enrolment = await startMfaEnrolment(actor);
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.secretGrouped.replace(/ /g, "")).toBe(enrolment.secret);
    expect(enrolment.otpauthUri).toContain(`secret=${enrolment.secret}`);
    expect(enrolment.otpauthUri).toMatch(/^otpauth:\/\/totp\/Concierge:/);

    const db = await getDb();
    const pending = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    // Sealed at rest: the stored bytes do not hold the secret.
    const secret = base32Decode(enrolment.secret);
    expect(Buffer.from(pending.mfaSecretEncrypted!).includes(secret)).toBe(false);
    expect(pending.mfaEnabledAt).toBeNull();

    // A wrong code: refused, audited, still off.
    const wrong = totp(secret, Date.now()) === "000000" ? "111111" : "000000";
    expect(await appErrorCode(confirmMfaEnrolment(actor, { code: wrong }))).toBe("INVALID_INPUT");
    expect((await getMfaStatus(actor)).enabled).toBe(false);

    const sessionStartedAt = Date.now() - 1000;
    expect(await unsafeLoadActor(user.id, origin("10.60.0.1"), { sessionStartedAt })).not.toBeNull();
    const { recoveryCodes } = await confirmMfaEnrolment(actor, { code: totp(secret, Date.now()) });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);

    const status = await getMfaStatus(actor);
    expect(status).toMatchObject({ enabled: true, recoveryCodesRemaining: 10 });
    // Every session of the account ended, the enrolling one too.
    expect(await unsafeLoadActor(user.id, origin("10.60.0.1"), { sessionStartedAt })).toBeNull();

    // Only hashes are stored.
    const stored = await db.mfaRecoveryCode.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(10);
    for (const row of stored) {
      expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
      expect(recoveryCodes.some((c) => row.codeHash.includes(c.replace(/-/g, "")))).toBe(false);
    }

    // Audited, with no secret or code in any row.
    const rows = await auditRows(user.id);
    expect(rows.map((r) => `${r.action}:${r.outcome}`)).toEqual(["mfa.enrol_start:ALLOWED", "mfa.verify:DENIED", "mfa.enrol:ALLOWED"]);
    const text = asText(rows);
    expect(text).not.toContain(enrolment.secret);
    for (const code of recoveryCodes) expect(text).not.toContain(code);

    // Once on, set-up cannot start again without turning it off.
    expect(await appErrorCode(startMfaEnrolment(actor))).toBe("CONFLICT");
  });

  it("is for staff from a browser session: members and API keys are refused (audited)", async () => {
    const member = await actorFor("member2@demo.test");
    expect(await appErrorCode(startMfaEnrolment(member))).toBe("FORBIDDEN");
    expect((await getMfaStatus(member)).available).toBe(false);

    const db = await getDb();
    const { user } = await createPasswordUser("PHYSICIAN");
    const prefix = randomBytes(6).toString("hex");
    const key = `cnc_${prefix}_${randomBytes(24).toString("base64url")}`;
    await db.apiClient.create({ data: { name: "MFA probe", keyPrefix: prefix, keyHash: hashApiKey(key), serviceUserId: user.id } });
    const viaKey = await unsafeLoadApiClientActor(key, origin("10.60.0.2"));
    expect(await appErrorCode(startMfaEnrolment(viaKey!))).toBe("FORBIDDEN");
    expect(await db.auditLog.count({ where: { actorId: user.id, action: "mfa.enrol_start", outcome: "DENIED", reason: "api_key" } })).toBe(1);
  });
});

describe("sign-in with two-step sign-in on", () => {
  it("asks for a code only after the right password, then accepts a fresh code once", async () => {
    const { user, email, password, secret, enrolCode } = await createEnrolledUser("NURSE", "10.61.0.1");
    const at = origin("10.61.0.1");

    expect(await signIn({ email, password: "wrong" }, at)).toEqual({ kind: "failed" });
    expect(await signIn({ email, password }, at)).toEqual({ kind: "code_required" });
    expect(await signIn({ email, password, code: "" }, at)).toEqual({ kind: "code_required" });
    // The password-only path never bypasses the second factor.
    expect(await signInWithPassword({ email, password }, at)).toBeNull();
    // A wrong password with a code: the plain failure, never "code required".
    expect(await signIn({ email, password: "wrong", code: nextCode(secret) }, at)).toEqual({ kind: "failed" });

    // The enrolment's code was spent: replay refused.
    expect(await signIn({ email, password, code: enrolCode }, at)).toEqual({ kind: "failed" });

    const code = nextCode(secret);
    const result = await signIn({ email, password, code }, at);
    expect(result).toMatchObject({ kind: "signed_in", secondFactor: "totp", user: { id: user.id, role: "NURSE" } });
    // The same code again (a replay within its window) is refused.
    expect(await signIn({ email, password, code }, at)).toEqual({ kind: "failed" });

    const rows = await auditRows(user.id);
    const signIns = rows.filter((r) => r.action === "auth.sign_in").map((r) => `${r.outcome}:${r.reason ?? ""}`);
    expect(signIns).toEqual([
      "DENIED:bad_credentials",
      "DENIED:second_factor_required",
      "DENIED:second_factor_required",
      "DENIED:second_factor_required",
      "DENIED:bad_credentials",
      "DENIED:bad_second_factor",
      "ALLOWED:",
      "DENIED:bad_second_factor",
    ]);
    expect(rows.filter((r) => r.action === "mfa.verify" && r.outcome === "DENIED")).toHaveLength(2);
    expect(rows.find((r) => r.action === "auth.sign_in" && r.outcome === "ALLOWED")?.details).toEqual({ secondFactor: "totp" });
    expect(asText(rows)).not.toContain(code);
  });

  it("of two requests racing with the same code, exactly one signs in", async () => {
    const { email, password, secret } = await createEnrolledUser("PHYSICIAN", "10.62.0.1");
    const code = nextCode(secret);
    const results = await Promise.all([1, 2, 3].map((i) => signIn({ email, password, code }, origin(`10.62.0.${i}`))));
    expect(results.filter((r) => r.kind === "signed_in")).toHaveLength(1);
  });

  it("limits wrong codes per account like wrong passwords: the right code is refused after 5", async () => {
    const { email, password, secret } = await createEnrolledUser("CARE_GUIDE", "10.63.0.1");
    // Asking for the code does not spend the budget (a right password is not a failure).
    for (let i = 0; i < 6; i++) expect(await signIn({ email, password }, origin(`10.63.1.${i}`))).toEqual({ kind: "code_required" });
    for (let i = 0; i < 5; i++) {
      expect(await signIn({ email, password, code: `00000${i}` === nextCode(secret) ? "999999" : `00000${i}` }, origin(`10.63.2.${i}`))).toEqual({
        kind: "failed",
      });
    }
    expect(await signIn({ email, password, code: nextCode(secret) }, origin("10.63.3.1"))).toEqual({ kind: "failed" });
    // Even the code request is now refused, like any attempt on a locked account.
    expect(await signIn({ email, password }, origin("10.63.3.2"))).toEqual({ kind: "failed" });
    const db = await getDb();
    expect(await db.auditLog.count({ where: { action: "auth.sign_in", reason: "rate_limited", ip: { in: ["10.63.3.1", "10.63.3.2"] } } })).toBe(2);
  });

  it("limits wrong codes per address too", async () => {
    const ip = "10.64.0.1";
    const { email, password } = await createEnrolledUser("NURSE", "10.64.9.9");
    const other = await createEnrolledUser("NURSE", "10.64.9.8");
    // 20 failures from one address, spread so that no account reaches its own limit of 5
    // (a refused attempt still counts against the account it named).
    for (let i = 0; i < 4; i++) await signIn({ email, password, code: "000000" }, origin(ip));
    for (let i = 0; i < 3; i++) await signIn({ email: other.email, password: other.password, code: "000000" }, origin(ip));
    for (let i = 0; i < 13; i++) await signIn({ email: `ghost${i}.mfa@test.example`, password: "x" }, origin(ip));
    expect(await signIn({ email: other.email, password: other.password, code: nextCode(other.secret) }, origin(ip))).toEqual({ kind: "failed" });
    expect(await signIn({ email: other.email, password: other.password, code: nextCode(other.secret) }, origin("10.64.0.2"))).toMatchObject({
      kind: "signed_in",
    });
  });

  it("accepts a recovery code once, audited with the count left", async () => {
    const { user, email, password, recoveryCodes } = await createEnrolledUser("ADMIN", "10.65.0.1");
    const at = origin("10.65.0.1");
    const code = recoveryCodes[3]!;
    // Typed loosely: upper case, spaces instead of hyphens.
    const typed = code.toUpperCase().replace(/-/g, " ");
    expect(await signIn({ email, password, code: typed }, at)).toMatchObject({ kind: "signed_in", secondFactor: "recovery_code" });
    expect(await signIn({ email, password, code }, at)).toEqual({ kind: "failed" });

    const db = await getDb();
    const used = await db.auditLog.findFirstOrThrow({ where: { actorId: user.id, action: "mfa.recovery_code_used" } });
    expect(used.details).toEqual({ purpose: "sign_in", remaining: 9 });
    expect(asText(used)).not.toContain(code);
    expect(await db.mfaRecoveryCode.count({ where: { userId: user.id, usedAt: { not: null } } })).toBe(1);
  });
});

describe("turning it off, new recovery codes", () => {
  it("needs a valid code; a recovery code works (lost phone); then the password alone signs in", async () => {
    const { user, actor, email, password, recoveryCodes } = await createEnrolledUser("COMPLIANCE", "10.66.0.1");
    expect(await appErrorCode(disableMfa(actor, { code: "000000" }))).toBe("INVALID_INPUT");
    expect(await appErrorCode(disableMfa(actor, { code: "abcd-efgh-jkmn-pqrs" }))).toBe("INVALID_INPUT");
    expect((await getMfaStatus(actor)).enabled).toBe(true);

    await disableMfa(actor, { code: recoveryCodes[0]! });
    expect(await getMfaStatus(actor)).toMatchObject({ enabled: false, recoveryCodesRemaining: 0 });
    const db = await getDb();
    expect(await db.mfaRecoveryCode.count({ where: { userId: user.id } })).toBe(0);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row).toMatchObject({ mfaSecretEncrypted: null, mfaEnabledAt: null, mfaLastStep: null });
    expect(await db.auditLog.findFirst({ where: { actorId: user.id, action: "mfa.disable" } })).toMatchObject({ details: { method: "recovery_code" } });
    expect(await db.auditLog.findFirst({ where: { actorId: user.id, action: "mfa.recovery_code_used" } })).toMatchObject({
      details: { purpose: "disable", remaining: 9 },
    });

    expect(await signIn({ email, password }, origin("10.66.0.1"))).toMatchObject({ kind: "signed_in", secondFactor: null });
  });

  it("new recovery codes replace the old ones, with a code from the app", async () => {
    const { actor, email, password, secret, recoveryCodes } = await createEnrolledUser("NURSE", "10.67.0.1");
    expect(await appErrorCode(renewRecoveryCodes(actor, { code: recoveryCodes[0]! }))).toBe("INVALID_INPUT");
    const { recoveryCodes: fresh } = await renewRecoveryCodes(actor, { code: nextCode(secret) });
    expect(fresh).toHaveLength(10);
    expect(await signIn({ email, password, code: recoveryCodes[1]! }, origin("10.67.0.2"))).toEqual({ kind: "failed" });
    expect(await signIn({ email, password, code: fresh[0]! }, origin("10.67.0.3"))).toMatchObject({ kind: "signed_in" });
  });
});

describe("REQUIRE_STAFF_MFA", () => {
  async function loader(require: "1" | "0") {
    vi.stubEnv("REQUIRE_STAFF_MFA", require);
    vi.resetModules();
    return (await import("../auth/unsafe-load-session-actor")).unsafeLoadSessionActor;
  }

  it("gates an unenrolled staff session, not an enrolled one, never a member; off by default here", async () => {
    try {
      const unenrolled = await createPasswordUser("CARE_GUIDE");
      const enrolled = await createEnrolledUser("CARE_GUIDE");
      const db = await getDb();
      const member = await db.user.findUniqueOrThrow({ where: { email: "member@demo.test" } });
      const sessionStartedAt = Date.now();
      const at = origin("10.68.0.1");

      const gated = await loader("1");
      expect(await gated(unenrolled.user.id, at, { sessionStartedAt })).toMatchObject({ mfaSetupRequired: true, actor: { userId: unenrolled.user.id } });
      expect(await gated(enrolled.user.id, at, { sessionStartedAt })).toMatchObject({ mfaSetupRequired: false });
      expect(await gated(member.id, at, { sessionStartedAt })).toMatchObject({ mfaSetupRequired: false });

      const open = await loader("0");
      expect(await open(unenrolled.user.id, at, { sessionStartedAt })).toMatchObject({ mfaSetupRequired: false });
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
