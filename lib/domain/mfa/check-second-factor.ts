/**
 * ⚠ SECURITY: checks a second factor — a code from the authenticator app, or one of the
 * account's unused recovery codes — and spends it. Shared by sign-in and the in-session
 * operations (they take their attempt from the limits and audit the outcome themselves).
 *
 *  - A TOTP code is accepted within ±1 step of now and only for a step AFTER the last one
 *    accepted; the step is recorded with a conditional update, so of two requests racing
 *    with the same code exactly one wins (replay protection).
 *  - A recovery code is looked up by its hash and spent with `used_at IS NULL` in the
 *    update's condition: it works once, even under concurrency. It does not need the
 *    TOTP secret, so it still works if the encryption key was lost.
 */
import type { Prisma } from "../../db/generated/client";
import { parseSecondFactor, hashRecoveryCode } from "../../auth/recovery-codes";
import { openTotpSecret } from "../../auth/mfa-secret";
import { matchTotp } from "../../auth/totp";
import { logger } from "../../log/logger";

type Db = Pick<Prisma.TransactionClient, "user" | "mfaRecoveryCode">;

export type MfaUserState = { id: string; mfaSecretEncrypted: Uint8Array | null; mfaLastStep: number | null };

export type SecondFactorResult = { method: "totp"; step: number } | { method: "recovery_code"; remaining: number };

export async function checkSecondFactor(
  db: Db,
  user: MfaUserState,
  input: string,
  { allowRecoveryCode = true, now = Date.now() }: { allowRecoveryCode?: boolean; now?: number } = {},
): Promise<SecondFactorResult | null> {
  const parsed = parseSecondFactor(input);
  if (!parsed) return null;

  if (parsed.kind === "totp") {
    if (!user.mfaSecretEncrypted) return null;
    let secret: Buffer;
    try {
      secret = openTotpSecret(user.id, user.mfaSecretEncrypted);
    } catch (error) {
      // Never the secret, the code or the error's message: the name says enough.
      logger.error({ userId: user.id, errorName: (error as Error | null)?.name }, "two-step sign-in: the TOTP secret could not be opened");
      return null;
    }
    const step = matchTotp(secret, parsed.code, now, user.mfaLastStep);
    if (step === null) return null;
    const { count } = await db.user.updateMany({
      where: { id: user.id, OR: [{ mfaLastStep: null }, { mfaLastStep: { lt: step } }] },
      data: { mfaLastStep: step },
    });
    return count === 1 ? { method: "totp", step } : null;
  }

  if (!allowRecoveryCode) return null;
  const { count } = await db.mfaRecoveryCode.updateMany({
    where: { userId: user.id, codeHash: hashRecoveryCode(user.id, parsed.normalized), usedAt: null },
    data: { usedAt: new Date(now) },
  });
  if (count !== 1) return null;
  const remaining = await db.mfaRecoveryCode.count({ where: { userId: user.id, usedAt: null } });
  return { method: "recovery_code", remaining };
}
