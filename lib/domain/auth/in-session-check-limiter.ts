/**
 * ⚠ SECURITY: the budget of secrets checked INSIDE a session — a code from the
 * authenticator app or a recovery code (confirming enrolment, turning two-step sign-in off,
 * new recovery codes) and the current password (changing it). Per account, in the database
 * like every limit, and apart from the sign-in budgets: someone holding a stolen session
 * cookie can spend this one, never the owner's next sign-in.
 *
 * When it runs out the session ends instead of the account locking: every session of the
 * account is cut off (sessions_valid_after, as sign-out does), which kills the stolen
 * cookie, and the counter starts again for the owner's next sign-in.
 */
import { sharedRateLimiter, type SharedRateLimiter } from "../rate-limits/shared-rate-limiter";

/** Wrong answers allowed in one window; the one that spends the last ends the session. */
export const IN_SESSION_CHECK_ATTEMPTS = 5;
export const IN_SESSION_CHECK_WINDOW_SECONDS = 15 * 60;

let limiter: SharedRateLimiter | undefined;

export function inSessionCheckLimiter(): SharedRateLimiter {
  return (limiter ??= sharedRateLimiter({
    keyPrefix: "in-session-check",
    points: IN_SESSION_CHECK_ATTEMPTS,
    durationSeconds: IN_SESSION_CHECK_WINDOW_SECONDS,
  }));
}
