/**
 * A per-user rate on sending (POST /threads, POST /threads/{id}/messages), checked by the
 * routes before the body is read: a script or a stuck client cannot flood a team's queue.
 * Generous for people (SENDS_PER_MINUTE); retries of one message count too. Counted in
 * the database (shared-rate-limiter.ts), so every app instance spends the same budget.
 * Not applied inside the domain function, so the benchmark (scripts/bench) measures the
 * send path itself.
 */
import type { Actor } from "../../access/actor";
import { AppError } from "../../errors";
import { sharedRateLimiter } from "../rate-limits/shared-rate-limiter";

export const SENDS_PER_MINUTE = 60;

const limiter = sharedRateLimiter({ keyPrefix: "send", points: SENDS_PER_MINUTE, durationSeconds: 60 });

export async function admitSend(actor: Actor): Promise<void> {
  const { allowed } = await limiter.take(actor.userId);
  if (!allowed) throw new AppError("RATE_LIMITED", "You are sending messages too quickly. Wait a minute and try again.");
}
