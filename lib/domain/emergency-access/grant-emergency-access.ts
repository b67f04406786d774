/**
 * Writes one emergency access and its audit row, atomically with the hourly limit.
 *
 * An interactive transaction (the project otherwise batches writes) because the insert is
 * conditional on a count: a per-user advisory lock serializes one person's grants, so N
 * parallel requests cannot all read "4 so far" and all insert. Break-the-glass is rare and
 * off the hot path, so the interactive transaction's cost does not matter here.
 */
import type { Actor } from "../../access/actor";
import type { PrismaClient } from "../../db/generated/client";
import { auditRowData } from "../audit/audit-row-data";
import { emergencyAccessLimit, recentGrantCount } from "./rate-limit";

export type GrantRequest = { threadId: string; memberId: string; reason: string; now: Date; expiresAt: Date };

/** The new access's id, or null when the requester has used up the hour's grants. */
export async function grantEmergencyAccess(db: PrismaClient, actor: Actor, grant: GrantRequest): Promise<string | null> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`emergency-access:${actor.userId}`}, 0))`;
    if ((await recentGrantCount(tx, actor.userId, grant.now)) >= emergencyAccessLimit.perWindow) return null;

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
    return access.id;
  });
}
