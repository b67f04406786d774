/**
 * Turning two-step sign-in off, by the account's own person with a valid code from the
 * authenticator app or an unused recovery code (lost phone: a recovery code, then set it
 * up again — that is the reset). The secret and every recovery code are deleted. With
 * REQUIRE_STAFF_MFA on the person is sent straight back to set-up. (An administrator's
 * reset for someone who lost both is not built yet.)
 */
import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { auditRowData } from "../audit/audit-row-data";
import { assertMfaSelfService } from "./assert-mfa-self-service";
import { mfaCodeSchema } from "./schemas";
import { verifyCodeInSession } from "./verify-code-in-session";

export async function disableMfa(actor: Actor, input: unknown): Promise<void> {
  await assertMfaSelfService(actor, "mfa.disable");
  const { code } = mfaCodeSchema.parse(input);
  const db = await getDb();
  const user = await db.user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { id: true, mfaEnabledAt: true, mfaSecretEncrypted: true, mfaLastStep: true },
  });
  if (!user.mfaEnabledAt) throw new AppError("CONFLICT", "Two-step sign-in is not on.");
  const factor = await verifyCodeInSession(db, actor, user, code, "disable", { allowRecoveryCode: true });
  await db.$transaction([
    db.user.update({ where: { id: user.id }, data: { mfaEnabledAt: null, mfaSecretEncrypted: null, mfaLastStep: null } }),
    db.mfaRecoveryCode.deleteMany({ where: { userId: user.id } }),
    db.auditLog.create({ data: auditRowData(actor, { action: "mfa.disable", details: { method: factor.method } }) }),
  ]);
}
