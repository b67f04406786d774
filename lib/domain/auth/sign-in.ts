/**
 * ⚠ SECURITY: sign-in with email, password and — for accounts with two-step sign-in on —
 * a second factor, for next-auth's credentials provider.
 *
 * Answers:
 *  - `signed_in`: everything checked.
 *  - `code_required`: the password is right, the account active and within its limits,
 *    two-step sign-in is on and no code came. This is the only answer that differs from a
 *    failure, and only someone who knows the password gets it (the form then asks for the
 *    code, the same request again with `code`). It gives back the attempt it took: a right
 *    password is not a failure.
 *  - `failed`: everything else, alike: unknown email, wrong password, disabled account,
 *    too many attempts, wrong or reused code. Unknown emails still pay for a hash check.
 *
 * Both limits (per account, per address; in the database, shared by every instance) take
 * an attempt BEFORE anything is checked, code attempts included; a success gives back only
 * its own attempt. Every attempt is audited (`auth.sign_in`; wrong codes also
 * `mfa.verify` DENIED; a spent recovery code `mfa.recovery_code_used`).
 */
import type { RequestOrigin } from "../../access/actor";
import type { Role } from "../../access/roles";
import { verifyPassword } from "../../auth/password";
import { getDb } from "../../db/client";
import { auditRowData } from "../audit/audit-row-data";
import { recordAudit } from "../audit/record-audit";
import { checkSecondFactor } from "../mfa/check-second-factor";
import { signInSchema } from "./schemas";
import { refundSignInAttempt, takeSignInAttempt } from "./sign-in-limiter";

export type SignedInUser = { id: string; role: Role; name: string; email: string };

export type SignInResult =
  | { kind: "signed_in"; user: SignedInUser; secondFactor: "totp" | "recovery_code" | null }
  | { kind: "code_required" }
  | { kind: "failed" };

const failed: SignInResult = { kind: "failed" };

export async function signIn(input: unknown, origin: RequestOrigin): Promise<SignInResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return failed;
  const { email, password, code } = parsed.data;
  const address = origin.ip ?? "unknown";
  const db = await getDb();

  if (!(await takeSignInAttempt(email, address))) {
    await recordAudit(db, null, { action: "auth.sign_in", outcome: "DENIED", reason: "rate_limited" }, origin);
    return failed;
  }

  const user = await db.user.findUnique({
    where: { email },
    select: {
      id: true,
      role: true,
      name: true,
      email: true,
      status: true,
      passwordHash: true,
      mfaEnabledAt: true,
      mfaSecretEncrypted: true,
      mfaLastStep: true,
    },
  });
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !passwordOk || user.status !== "ACTIVE") {
    const actor = user ? { userId: user.id, role: user.role, origin } : null;
    await recordAudit(db, actor, { action: "auth.sign_in", outcome: "DENIED", reason: user ? "bad_credentials" : "unknown_account" }, origin);
    return failed;
  }
  const auditActor = { userId: user.id, role: user.role, origin };

  let secondFactor: "totp" | "recovery_code" | null = null;
  if (user.mfaEnabledAt) {
    if (!code) {
      await refundSignInAttempt(email, address);
      await recordAudit(db, auditActor, { action: "auth.sign_in", outcome: "DENIED", reason: "second_factor_required" });
      return { kind: "code_required" };
    }
    const factor = await checkSecondFactor(db, user, code);
    if (!factor) {
      await db.$transaction([
        db.auditLog.create({ data: auditRowData(auditActor, { action: "mfa.verify", outcome: "DENIED", reason: "bad_code", details: { purpose: "sign_in" } }) }),
        db.auditLog.create({ data: auditRowData(auditActor, { action: "auth.sign_in", outcome: "DENIED", reason: "bad_second_factor" }) }),
      ]);
      return failed;
    }
    secondFactor = factor.method;
    if (factor.method === "recovery_code") {
      await recordAudit(db, auditActor, { action: "mfa.recovery_code_used", details: { purpose: "sign_in", remaining: factor.remaining } });
    }
  }

  // Only this attempt is given back: earlier failures stay counted (sign-in-limiter.ts).
  await refundSignInAttempt(email, address);
  await db.$transaction([
    db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } }),
    db.auditLog.create({ data: auditRowData(auditActor, { action: "auth.sign_in", ...(secondFactor ? { details: { secondFactor } } : {}) }) }),
  ]);
  return { kind: "signed_in", user: { id: user.id, role: user.role, name: user.name, email: user.email }, secondFactor };
}
