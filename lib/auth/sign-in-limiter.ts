/**
 * Failed sign-in limits, per account and per client address (rate-limiter-flexible).
 * Only failures consume points; a success clears the account's counter.
 *
 * The counters live in this process's memory: with several app instances each keeps its
 * own, so the effective limit is at most N × the configured one. (A PostgreSQL-backed
 * store is the upgrade path; see docs/security.md.)
 */
import { RateLimiterMemory } from "rate-limiter-flexible";
import { getEnv } from "../env";

type Limiters = { account: RateLimiterMemory; address: RateLimiterMemory };
let limiters: Limiters | undefined;

function get(): Limiters {
  if (!limiters) {
    const env = getEnv();
    const duration = env.SIGNIN_FAILURE_WINDOW_MINUTES * 60;
    limiters = {
      account: new RateLimiterMemory({ keyPrefix: "signin-account", points: env.SIGNIN_MAX_FAILURES_PER_ACCOUNT, duration }),
      address: new RateLimiterMemory({ keyPrefix: "signin-address", points: env.SIGNIN_MAX_FAILURES_PER_ADDRESS, duration }),
    };
  }
  return limiters;
}

async function take(limiter: RateLimiterMemory, key: string): Promise<boolean> {
  // consume() rejects once the points are spent: that is the "blocked" answer.
  return limiter.consume(key).then(
    () => true,
    () => false,
  );
}

/**
 * ⚠ SECURITY: takes one attempt from both budgets BEFORE the password is checked, so that
 * parallel guesses cannot all slip through while the slow hash runs. Returns false when
 * either budget is spent. A successful sign-in gives the attempt back.
 */
export async function takeSignInAttempt(email: string, address: string): Promise<boolean> {
  const l = get();
  const [accountOk, addressOk] = await Promise.all([take(l.account, email), take(l.address, address)]);
  return accountOk && addressOk;
}

export async function recordSignInSuccess(email: string, address: string): Promise<void> {
  const l = get();
  await Promise.all([l.account.delete(email), l.address.reward(address, 1)]);
}

/**
 * A correct password for an account with two-step sign-in is not a failure: the attempt
 * taken before the check is given back while the form asks for the code (the code attempt
 * that follows takes its own).
 */
export async function refundSignInAttempt(email: string, address: string): Promise<void> {
  const l = get();
  await Promise.all([l.account.reward(email, 1), l.address.reward(address, 1)]);
}

/**
 * ⚠ SECURITY: codes checked inside a session (confirming enrolment, turning two-step
 * sign-in off, new recovery codes) spend the same per-account and per-address budgets as
 * sign-in, taken before the check. A valid code gives its attempt back.
 */
export const takeCodeAttempt = takeSignInAttempt;
export const recordCodeSuccess = refundSignInAttempt;
