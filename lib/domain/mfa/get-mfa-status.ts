/** The caller's own two-step sign-in status (any signed-in role; only staff may use it). */
import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { getEnv } from "../../env";
import type { MfaStatus } from "./schemas";
import { isMfaRole } from "./policy";

export async function getMfaStatus(actor: Actor): Promise<MfaStatus> {
  const db = await getDb();
  const user = await db.user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { mfaEnabledAt: true, mfaEnrolmentRequired: true, _count: { select: { mfaRecoveryCodes: { where: { usedAt: null } } } } },
  });
  const available = isMfaRole(actor.role);
  return {
    available,
    // An administrator's reset of a lost second factor requires it of this account alone.
    required: available && (getEnv().REQUIRE_STAFF_MFA || user.mfaEnrolmentRequired),
    enabled: user.mfaEnabledAt !== null,
    enabledAt: user.mfaEnabledAt?.toISOString() ?? null,
    recoveryCodesRemaining: user.mfaEnabledAt ? user._count.mfaRecoveryCodes : 0,
  };
}
