/**
 * ⚠ SECURITY: a code given inside a session (confirming enrolment, turning two-step
 * sign-in off, new recovery codes): one attempt from the sign-in limits first (per account
 * and per address), then the check, audited either way. Throws RATE_LIMITED or
 * INVALID_INPUT (field `code`); never says more than "did not work".
 */
import type { Actor } from "../../access/actor";
import type { Prisma } from "../../db/generated/client";
import { recordCodeSuccess, takeCodeAttempt } from "../../auth/sign-in-limiter";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { checkSecondFactor, type MfaUserState, type SecondFactorResult } from "./check-second-factor";

type Db = Pick<Prisma.TransactionClient, "user" | "mfaRecoveryCode" | "auditLog">;

export type CodePurpose = "enrol" | "disable" | "recovery_codes";

export async function verifyCodeInSession(
  db: Db,
  actor: Actor,
  user: MfaUserState,
  code: string,
  purpose: CodePurpose,
  { allowRecoveryCode }: { allowRecoveryCode: boolean },
): Promise<SecondFactorResult> {
  const address = actor.origin.ip ?? "unknown";
  if (!(await takeCodeAttempt(actor.email, address))) {
    await recordAudit(db, actor, { action: "mfa.verify", outcome: "DENIED", reason: "rate_limited", details: { purpose } });
    throw new AppError("RATE_LIMITED");
  }
  const result = await checkSecondFactor(db, user, code, { allowRecoveryCode });
  if (!result) {
    await recordAudit(db, actor, { action: "mfa.verify", outcome: "DENIED", reason: "bad_code", details: { purpose } });
    const message = allowRecoveryCode
      ? "That code did not work. Enter the current code from your authenticator app, or an unused recovery code."
      : "That code did not work. Enter the current code from your authenticator app (check that your phone's clock is right).";
    throw new AppError("INVALID_INPUT", message, [{ path: "code", message }]);
  }
  await recordCodeSuccess(actor.email, address);
  if (result.method === "recovery_code") {
    await recordAudit(db, actor, { action: "mfa.recovery_code_used", details: { purpose, remaining: result.remaining } });
  }
  return result;
}
