/**
 * ⚠ SECURITY: a person changes their own password (POST /api/v1/me/password), from a
 * browser session only — the one thing a session with an administrator's one-time password
 * may do besides signing out.
 *
 *  - The current password is checked against the in-session budget (run-in-session-check.ts):
 *    a stolen cookie cannot guess it for long — too many wrong ones end every session.
 *  - The new one follows the policy (schemas.ts) and may not contain the email's name part.
 *  - One batch: the new argon2id hash, the one-time flag cleared, every session cut off
 *    (sessions_valid_after = now), the audit row (never a password, not even in part).
 *
 * Returns the cut-off: the route re-issues THIS session's cookie with a sign-in time at or
 * after it (a fresh authentication — the current password was just given), so the person
 * carries on while every other session, and any copy of the old cookie, has ended.
 */
import type { Actor } from "../../access/actor";
import { hashPassword, verifyPassword } from "../../auth/password";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { auditRowData } from "../audit/audit-row-data";
import { recordAudit } from "../audit/record-audit";
import { scopeChangedEvents } from "../realtime/scope-changed-event";
import { runInSessionCheck } from "./run-in-session-check";
import { changePasswordSchema } from "./schemas";

export type PasswordChanged = { sessionsValidAfter: Date };

function invalid(path: string, message: string): AppError {
  return new AppError("INVALID_INPUT", message, [{ path, message }]);
}

export async function changeOwnPassword(actor: Actor, input: unknown): Promise<PasswordChanged> {
  const db = await getDb();
  if (actor.apiClientId !== null) {
    await recordAudit(db, actor, { action: "auth.password_change", outcome: "DENIED", reason: "api_key" });
    throw new AppError("FORBIDDEN", "A password is changed from a signed-in browser, not with an API key.");
  }
  const { currentPassword, newPassword } = changePasswordSchema.parse(input);
  const emailName = actor.email.split("@")[0]!.toLowerCase();
  if (emailName.length >= 3 && newPassword.toLowerCase().includes(emailName)) {
    throw invalid("newPassword", "Choose a password that does not contain your email address.");
  }

  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { passwordHash: true, passwordChangeRequired: true } });
  await runInSessionCheck(db, actor, {
    action: "auth.password_change",
    wrongReason: "bad_password",
    details: {},
    check: async () => ((await verifyPassword(user.passwordHash, currentPassword)) ? true : null),
    wrong: () => invalid("currentPassword", "That is not your current password."),
  });

  const passwordHash = await hashPassword(newPassword);
  const now = new Date();
  await db.$transaction([
    db.user.update({
      where: { id: actor.userId },
      data: { passwordHash, passwordChangeRequired: false, sessionsValidAfter: now },
      select: { id: true },
    }),
    // ⚠ Every other session ended: their open event streams re-check at once (this one's
    // stream reconnects with the re-issued cookie).
    db.outboxEvent.createMany({ data: scopeChangedEvents([actor.userId]) }),
    db.auditLog.create({
      data: auditRowData(actor, { action: "auth.password_change", recordType: "user", recordId: actor.userId, details: { oneTimePassword: user.passwordChangeRequired } }),
      select: { id: true },
    }),
  ]);
  return { sessionsValidAfter: now };
}
