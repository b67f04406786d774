/**
 * A per-user rate on sending (POST /threads, POST /threads/{id}/messages), checked by the
 * routes before the body is read: a script or a stuck client cannot flood a team's queue.
 * Generous for people (SENDS_PER_MINUTE); retries of one message count too. In this
 * process's memory, like the sign-in and upload limiters: with N instances the effective
 * limit is at most N times this. Not applied inside the domain function, so the benchmark
 * (scripts/bench) measures the send path itself.
 */
import { RateLimiterMemory } from "rate-limiter-flexible";
import type { Actor } from "../../access/actor";
import { AppError } from "../../errors";

export const SENDS_PER_MINUTE = 60;

const limiter = new RateLimiterMemory({ keyPrefix: "send", points: SENDS_PER_MINUTE, duration: 60 });

export async function admitSend(actor: Actor): Promise<void> {
  const allowed = await limiter.consume(actor.userId).then(
    () => true,
    () => false,
  );
  if (!allowed) throw new AppError("RATE_LIMITED", "You are sending messages too quickly. Wait a minute and try again.");
}
