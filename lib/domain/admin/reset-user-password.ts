import type { Actor } from "../../access/actor";
import { hashPassword } from "../../auth/password";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { authorize } from "../audit/authorize";
import { auditRowData } from "../audit/audit-row-data";
import { scopeChangedEvents } from "../realtime/scope-changed-event";
import { loadPersonDetail, refuseSelf, reloadPerson } from "./admin-person";
import { generateOneTimePassword } from "./one-time-password";
import type { PasswordReset } from "./schemas";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";

/**
 * ⚠ SECURITY: replaces a staff, admin or compliance account's password with a new one-time
 * password (POST /api/v1/admin/users/{id}/reset-password), shown this once, and ends every
 * session of the account. For the person who lost the first one before using it.
 *
 * Not for members (an admin must never hold a member's password: it opens the member's
 * health record; members recover their own access) and not for API service users (they
 * have no password by design).
 */
export async function resetUserPassword(actor: Actor, userId: string): Promise<PasswordReset> {
  await authorize(actor, "user.manage", { recordType: "user", recordId: userId }, { denyAs: "NOT_FOUND" });
  const db = await getDb();
  const id = parseRecordId(userId);
  const person = id ? await loadPersonDetail(db, id) : null;
  if (!person) throw await recordNotFound(db, actor, { action: "user.password_reset", recordType: "user", recordId: userId, reason: "not_found" }, "No such person.");
  refuseSelf(actor, person.id, "reset the password of");
  if (person.role === "MEMBER") throw new AppError("CONFLICT", "Administrators do not set members' passwords.");
  if (person.serviceUser) throw new AppError("CONFLICT", "An API client's service user has no password. Create a new key instead.");

  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  await db.$transaction([
    // ⚠ The person must change the one-time password at their next sign-in (getActor's gate).
    db.user.update({ where: { id: person.id }, data: { passwordHash, passwordChangeRequired: true, sessionsValidAfter: new Date() }, select: { id: true } }),
    // ⚠ Every session ended: its open event streams close at once too.
    db.outboxEvent.createMany({ data: scopeChangedEvents([person.id]) }),
    db.auditLog.create({ data: auditRowData(actor, { action: "user.password_reset", recordType: "user", recordId: person.id }), select: { id: true } }),
  ]);
  return { user: await reloadPerson(db, person.id), oneTimePassword };
}
