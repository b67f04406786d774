/**
 * Ten new recovery codes (the old ones stop working), with a valid code from the
 * authenticator app — not a recovery code: the new set should come from the phone.
 */
import type { Actor } from "../../access/actor";
import { generateRecoveryCodes, hashRecoveryCode, normalizeRecoveryCode } from "../../auth/recovery-codes";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { auditRowData } from "../audit/audit-row-data";
import { assertMfaSelfService } from "./assert-mfa-self-service";
import { confirmMfaEnrolmentSchema, type RecoveryCodes } from "./schemas";
import { verifyCodeInSession } from "./verify-code-in-session";

export async function renewRecoveryCodes(actor: Actor, input: unknown): Promise<RecoveryCodes> {
  await assertMfaSelfService(actor, "mfa.recovery_codes_renew");
  const { code } = confirmMfaEnrolmentSchema.parse(input);
  const db = await getDb();
  const user = await db.user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { id: true, mfaEnabledAt: true, mfaSecretEncrypted: true, mfaLastStep: true },
  });
  if (!user.mfaEnabledAt) throw new AppError("CONFLICT", "Two-step sign-in is not on.");
  await verifyCodeInSession(db, actor, user, code, "recovery_codes", { allowRecoveryCode: false });
  const recoveryCodes = generateRecoveryCodes();
  await db.$transaction([
    db.mfaRecoveryCode.deleteMany({ where: { userId: user.id } }),
    db.mfaRecoveryCode.createMany({
      data: recoveryCodes.map((c) => ({ userId: user.id, codeHash: hashRecoveryCode(user.id, normalizeRecoveryCode(c)!) })),
    }),
    db.auditLog.create({ data: auditRowData(actor, { action: "mfa.recovery_codes_renew", details: { recoveryCodes: recoveryCodes.length } }) }),
  ]);
  return { recoveryCodes };
}
