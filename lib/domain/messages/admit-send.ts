/**
 * A per-user rate on sending (POST /threads, POST /threads/{id}/messages), checked by the
 * routes before the body is read: a script or a stuck client cannot flood a team's queue.
 * Generous for people (SEND_RATE_LIMIT_PER_MINUTE, default SENDS_PER_MINUTE); retries of one
 * message count too. Counted in the database (shared-rate-limiter.ts), so every app
 * instance spends the same budget. Not applied inside the domain function, so the
 * benchmark (scripts/bench) measures the send path itself; the HTTP benchmark raises the
 * setting, production keeps the default.
 */
import type { Actor } from "../../access/actor";
import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { sharedRateLimiter, type SharedRateLimiter } from "../rate-limits/shared-rate-limiter";

/** The default of SEND_RATE_LIMIT_PER_MINUTE (lib/env.ts). */
export const SENDS_PER_MINUTE = 60;

let limiter: SharedRateLimiter | undefined;

export async function admitSend(actor: Actor): Promise<void> {
  // Built at first use, after the configuration has been read (not at import).
  limiter ??= sharedRateLimiter({ keyPrefix: "send", points: getEnv().SEND_RATE_LIMIT_PER_MINUTE, durationSeconds: 60 });
  const { allowed } = await limiter.take(actor.userId);
  if (!allowed) throw new AppError("RATE_LIMITED", "You are sending messages too quickly. Wait a minute and try again.");
}
