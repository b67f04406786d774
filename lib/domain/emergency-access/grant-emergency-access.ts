/**
 * Writes one emergency access and its audit row, atomically with the hourly limit — or
 * answers the grant the person already has on that thread.
 *
 * An interactive transaction (the project otherwise batches writes) because the insert is
 * conditional on what is read: a per-user advisory lock serializes one person's grants on
 * every app instance, so N parallel requests cannot all read "4 so far" (or "none running
 * on this thread") and all insert. Break-the-glass is rare and off the hot path, so the
 * interactive transaction's cost does not matter here.
 *
 * ⚠ One open grant per person and thread is also a database rule (the partial unique index
 * emergency_accesses_one_open_idx on (user_id, thread_id) WHERE ended_at IS NULL), so even
 * a writer that skipped the lock could not stack grants. A grant of this thread that has
 * expired is closed (ended_at stamped) in this transaction before a new one is inserted.
 */
import type { Actor } from "../../access/actor";
import type { PrismaClient } from "../../db/generated/client";
import { auditRowData } from "../audit/audit-row-data";
import { emergencyAccessLimit, recentGrantCount } from "./rate-limit";

export type GrantRequest = { threadId: string; memberId: string; reason: string; now: Date; expiresAt: Date };

export type GrantOutcome =
  | { kind: "granted"; id: string; expiresAt: Date }
  /** The person already has a grant running on this thread: that one, nothing spent. */
  | { kind: "existing"; id: string; expiresAt: Date }
  | { kind: "rateLimited" };

export async function grantEmergencyAccess(db: PrismaClient, actor: Actor, grant: GrantRequest): Promise<GrantOutcome> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`emergency-access:${actor.userId}`}, 0))`;
    const own = { userId: actor.userId, threadId: grant.threadId, endedAt: null };
    // Expired grants of this thread stop holding the one open place.
    await tx.emergencyAccess.updateMany({ where: { ...own, expiresAt: { lte: grant.now } }, data: { endedAt: grant.now } });
    const running = await tx.emergencyAccess.findFirst({ where: own, select: { id: true, expiresAt: true } });
    if (running) return { kind: "existing", id: running.id, expiresAt: running.expiresAt };
    if ((await recentGrantCount(tx, actor.userId, grant.now)) >= emergencyAccessLimit.perWindow) return { kind: "rateLimited" };

    const access = await tx.emergencyAccess.create({
      data: { userId: actor.userId, threadId: grant.threadId, reason: grant.reason, createdAt: grant.now, expiresAt: grant.expiresAt },
      select: { id: true },
    });
    await tx.auditLog.create({
      data: auditRowData(actor, {
        action: "emergencyAccess.grant",
        memberId: grant.memberId,
        recordType: "thread",
        recordId: grant.threadId,
        // The requester's own justification — staff-written, required for the review — is
        // what the audit row's `reason` column is for. Nothing the member wrote goes here.
        reason: grant.reason,
        details: { flagged: true, expiresAt: grant.expiresAt.toISOString(), emergencyAccessId: access.id },
      }),
    });
    return { kind: "granted", id: access.id, expiresAt: grant.expiresAt };
  });
}
