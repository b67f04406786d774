/**
 * How many emergency accesses one person may open per hour. Break-the-glass is for the rare
 * urgent case; a limit keeps it from becoming a way to browse other teams' conversations.
 *
 * Counted from the granted rows themselves (not rate-limiter-flexible's memory store, as
 * sign-in does): the count must survive restarts and hold across app instances, and the
 * library's durable stores need a table of their own. The count and the insert run under a
 * per-user advisory lock, so parallel requests cannot slip past it (see grant-emergency-access.ts).
 */
import type { Prisma } from "../../db/generated/client";

export const emergencyAccessLimit = { perWindow: 5, windowMinutes: 60 } as const;

export const rateLimitedMessage = `You have opened ${emergencyAccessLimit.perWindow} conversations with emergency access in the last hour. Ask your team lead or compliance if you need more.`;

export async function recentGrantCount(db: Pick<Prisma.TransactionClient, "emergencyAccess">, userId: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - emergencyAccessLimit.windowMinutes * 60_000);
  return db.emergencyAccess.count({ where: { userId, createdAt: { gt: since } } });
}
