/**
 * Step 2 of setting up two-step sign-in: the first valid code from the authenticator app
 * turns it on, creates ten one-time recovery codes (answered once, stored as hashes) and
 * ENDS EVERY SESSION of the account, this one included — a session opened with the
 * password alone before set-up (perhaps not by this person) must not carry on as if it had
 * passed the second factor. The person signs in again, with a code.
 */
import type { Actor } from "../../access/actor";
import { generateRecoveryCodes, hashRecoveryCode, normalizeRecoveryCode } from "../../auth/recovery-codes";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { auditRowData } from "../audit/audit-row-data";
import { scopeChangedEvents } from "../realtime/scope-changed-event";
import { assertMfaSelfService } from "./assert-mfa-self-service";
import { confirmMfaEnrolmentSchema, type RecoveryCodes } from "./schemas";
import { verifyCodeInSession } from "./verify-code-in-session";

export async function confirmMfaEnrolment(actor: Actor, input: unknown): Promise<RecoveryCodes> {
  await assertMfaSelfService(actor, "mfa.enrol");
  const { code } = confirmMfaEnrolmentSchema.parse(input);
  const db = await getDb();
  const user = await db.user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { id: true, mfaEnabledAt: true, mfaSecretEncrypted: true, mfaLastStep: true },
  });
  if (user.mfaEnabledAt) throw new AppError("CONFLICT", "Two-step sign-in is already on.");
  const sealed = user.mfaSecretEncrypted;
  if (!sealed) throw new AppError("CONFLICT", "Start the set-up first: there is no authenticator secret to confirm.");

  await verifyCodeInSession(db, actor, user, code, "enrol", { allowRecoveryCode: false });

  const recoveryCodes = generateRecoveryCodes();
  const now = new Date();
  const enabled = await db.$transaction(async (tx) => {
    // Only the secret that was checked: a set-up restarted meanwhile (another tab) wins.
    const { count } = await tx.user.updateMany({
      where: { id: user.id, mfaEnabledAt: null, mfaSecretEncrypted: { equals: sealed } },
      data: { mfaEnabledAt: now, sessionsValidAfter: now, mfaEnrolmentRequired: false },
    });
    if (count !== 1) return false;
    // Every other session ended: their open event streams close at once.
    await tx.outboxEvent.createMany({ data: scopeChangedEvents([user.id]) });
    await tx.mfaRecoveryCode.deleteMany({ where: { userId: user.id } });
    await tx.mfaRecoveryCode.createMany({
      data: recoveryCodes.map((c) => ({ userId: user.id, codeHash: hashRecoveryCode(user.id, normalizeRecoveryCode(c)!) })),
    });
    await tx.auditLog.create({ data: auditRowData(actor, { action: "mfa.enrol", details: { recoveryCodes: recoveryCodes.length } }) });
    return true;
  });
  if (!enabled) throw new AppError("CONFLICT", "The set-up was started again elsewhere. Start again here.");
  return { recoveryCodes };
}
