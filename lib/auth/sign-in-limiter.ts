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

async function exhausted(limiter: RateLimiterMemory, key: string): Promise<boolean> {
  const res = await limiter.get(key);
  return res !== null && res.remainingPoints <= 0;
}

export async function isSignInBlocked(email: string, address: string): Promise<boolean> {
  const l = get();
  return (await exhausted(l.account, email)) || (await exhausted(l.address, address));
}

export async function recordSignInFailure(email: string, address: string): Promise<void> {
  const l = get();
  // consume() rejects once points run out; that is expected here.
  await Promise.all([l.account.consume(email).catch(() => undefined), l.address.consume(address).catch(() => undefined)]);
}

export async function recordSignInSuccess(email: string): Promise<void> {
  await get().account.delete(email);
}
