/**
 * ⚠ SECURITY: a code given inside a session (confirming enrolment, turning two-step
 * sign-in off, new recovery codes), checked against the in-session budget — never the
 * sign-in budgets, so a stolen cookie cannot lock the owner out of signing in. Too many
 * wrong codes end every session of the account (lib/domain/auth/run-in-session-check.ts).
 * Throws INVALID_INPUT (field `code`) for a wrong code, UNAUTHENTICATED once the session
 * has ended; never says more than "did not work".
 */
import type { Actor } from "../../access/actor";
import type { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { runInSessionCheck } from "../auth/run-in-session-check";
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
  const result = await runInSessionCheck(db, actor, {
    action: "mfa.verify",
    wrongReason: "bad_code",
    details: { purpose },
    check: () => checkSecondFactor(db, user, code, { allowRecoveryCode }),
    wrong: () => {
      const message = allowRecoveryCode
        ? "That code did not work. Enter the current code from your authenticator app, or an unused recovery code."
        : "That code did not work. Enter the current code from your authenticator app (check that your phone's clock is right).";
      return new AppError("INVALID_INPUT", message, [{ path: "code", message }]);
    },
  });
  if (result.method === "recovery_code") {
    await recordAudit(db, actor, { action: "mfa.recovery_code_used", details: { purpose, remaining: result.remaining } });
  }
  return result;
}
