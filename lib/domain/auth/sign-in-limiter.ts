/**
 * ⚠ SECURITY: failed sign-in limits, per account and per client address, kept in the
 * database (shared-rate-limiter.ts) so that every app instance spends the same budget and a
 * restart resets nothing.
 *
 * An attempt is taken from both budgets BEFORE the password is checked, so parallel guesses
 * cannot all slip through while the slow hash runs. A success gives back only the attempt
 * it took: earlier failures stay counted, so someone who knows one valid password (their
 * own) cannot launder wrong guesses against another account — or from one address — by
 * signing in between them.
 *
 * Codes checked inside a session have a budget of their own (in-session-code-limiter.ts):
 * a stolen cookie must not be able to spend the owner's sign-in budget and lock them out.
 */
import { getEnv } from "../../env";
import { sharedRateLimiter, type SharedRateLimiter } from "../rate-limits/shared-rate-limiter";

type Limiters = { account: SharedRateLimiter; address: SharedRateLimiter };
let limiters: Limiters | undefined;

function get(): Limiters {
  if (!limiters) {
    const env = getEnv();
    const durationSeconds = env.SIGNIN_FAILURE_WINDOW_MINUTES * 60;
    limiters = {
      account: sharedRateLimiter({ keyPrefix: "signin-account", points: env.SIGNIN_MAX_FAILURES_PER_ACCOUNT, durationSeconds }),
      address: sharedRateLimiter({ keyPrefix: "signin-address", points: env.SIGNIN_MAX_FAILURES_PER_ADDRESS, durationSeconds }),
    };
  }
  return limiters;
}

/** Takes one attempt from both budgets; false when either is spent. */
export async function takeSignInAttempt(email: string, address: string): Promise<boolean> {
  const l = get();
  const [account, byAddress] = await Promise.all([l.account.take(email), l.address.take(address)]);
  return account.allowed && byAddress.allowed;
}

/**
 * Gives back the one attempt taken for this sign-in: after a success, and when a right
 * password for an account with two-step sign-in makes the form ask for the code (the code
 * attempt that follows takes its own).
 */
export async function refundSignInAttempt(email: string, address: string): Promise<void> {
  const l = get();
  await Promise.all([l.account.refund(email), l.address.refund(address)]);
}
