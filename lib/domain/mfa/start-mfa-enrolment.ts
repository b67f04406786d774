/**
 * Step 1 of setting up two-step sign-in: a fresh 160-bit TOTP secret, sealed into the
 * user's row (pending until confirmed; a new start replaces it), answered once as base32
 * and as an otpauth:// URI for the authenticator app. Refused while it is on (turn it off
 * first: that is the reset).
 */
import type { Actor } from "../../access/actor";
import { MfaNotConfiguredError } from "../../auth/mfa-key";
import { sealTotpSecret } from "../../auth/mfa-secret";
import { base32Encode, generateTotpSecret, groupBase32, otpauthUri } from "../../auth/totp";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { logger } from "../../log/logger";
import { recordAudit } from "../audit/record-audit";
import { assertMfaSelfService } from "./assert-mfa-self-service";
import type { MfaEnrolment } from "./schemas";

export const MFA_ISSUER = "Concierge";

export async function startMfaEnrolment(actor: Actor): Promise<MfaEnrolment> {
  await assertMfaSelfService(actor, "mfa.enrol_start");
  const db = await getDb();
  const secret = generateTotpSecret();
  let sealed: Uint8Array<ArrayBuffer>;
  try {
    sealed = sealTotpSecret(actor.userId, secret);
  } catch (error) {
    if (!(error instanceof MfaNotConfiguredError)) throw error;
    logger.error({ errorName: error.name }, "two-step sign-in is not configured: set MFA_ENCRYPTION_KEY");
    throw new AppError("UNAVAILABLE", "Two-step sign-in is not configured on this server yet. Ask an administrator.");
  }
  const { count } = await db.user.updateMany({
    where: { id: actor.userId, mfaEnabledAt: null },
    data: { mfaSecretEncrypted: sealed, mfaLastStep: null },
  });
  if (count !== 1) throw new AppError("CONFLICT", "Two-step sign-in is already on. Turn it off first to set it up again.");
  await recordAudit(db, actor, { action: "mfa.enrol_start" });
  const base32 = base32Encode(secret);
  return {
    secret: base32,
    secretGrouped: groupBase32(base32),
    otpauthUri: otpauthUri({ secret, issuer: MFA_ISSUER, account: actor.email }),
    issuer: MFA_ISSUER,
    account: actor.email,
  };
}
