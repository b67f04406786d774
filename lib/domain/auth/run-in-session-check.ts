/**
 * ⚠ SECURITY: checks a secret given inside a session (a code, the current password) against
 * the in-session budget (in-session-check-limiter.ts), auditing a wrong answer.
 *
 *  - An attempt is taken before the check (parallel guesses are all counted).
 *  - A right answer gives its attempt back.
 *  - A wrong answer that spends the last attempt — or any attempt once it is spent — ENDS
 *    EVERY SESSION of the account and answers 401: a stolen cookie dies, and the owner just
 *    signs in again (their sign-in budget was never touched).
 */
import type { Actor } from "../../access/actor";
import type { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { inSessionCheckLimiter } from "./in-session-check-limiter";
import { unsafeEndSessions } from "./unsafe-end-sessions";

type Db = Pick<Prisma.TransactionClient, "auditLog">;

export const SESSION_ENDED_MESSAGE = "Too many wrong attempts: you have been signed out. Sign in again.";

export type InSessionCheck<T> = {
  /** The audit action of a wrong or refused answer, e.g. "mfa.verify". */
  action: string;
  /** The audit reason of a wrong answer, e.g. "bad_code". */
  wrongReason: string;
  details: Record<string, string>;
  /** The check itself: the result when right, null when wrong. */
  check: () => Promise<T | null>;
  /** What a wrong answer (with attempts left) throws: a field error. */
  wrong: () => AppError;
};

async function endSessions(db: Db, actor: Actor, action: string, details: Record<string, string>): Promise<never> {
  await recordAudit(db, actor, { action, outcome: "DENIED", reason: "in_session_checks_exhausted", details });
  await unsafeEndSessions(actor.userId, actor.origin, "in_session_checks_exhausted");
  // The stolen cookie is dead now; the owner's next session starts with a full budget.
  await inSessionCheckLimiter().clear(actor.userId);
  throw new AppError("UNAUTHENTICATED", SESSION_ENDED_MESSAGE);
}

export async function runInSessionCheck<T>(db: Db, actor: Actor, { action, wrongReason, details, check, wrong }: InSessionCheck<T>): Promise<T> {
  const limiter = inSessionCheckLimiter();
  const taken = await limiter.take(actor.userId);
  if (!taken.allowed) return endSessions(db, actor, action, details);
  const result = await check();
  if (result === null) {
    if (taken.remaining === 0) return endSessions(db, actor, action, details);
    await recordAudit(db, actor, { action, outcome: "DENIED", reason: wrongReason, details });
    throw wrong();
  }
  await limiter.refund(actor.userId);
  return result;
}
