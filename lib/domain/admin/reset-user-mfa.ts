import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { authorize } from "../audit/authorize";
import { auditRowData } from "../audit/audit-row-data";
import { recordNotFound } from "../audit/record-not-found";
import { scopeChangedEvents } from "../realtime/scope-changed-event";
import { parseRecordId } from "../shared/record-id";
import { loadPersonDetail, refuseSelf, reloadPerson } from "./admin-person";
import type { PersonDetail } from "./schemas";

/**
 * ⚠ SECURITY: an administrator resets a staff account's lost second factor
 * (POST /api/v1/admin/users/{id}/mfa/reset) — for the person who lost both the phone and
 * the recovery codes. One batch: the TOTP secret and every recovery code deleted, the
 * account marked to enrol again (users.mfa_enrolment_required: at their next sign-in they
 * can do nothing but set up two-step sign-in, whatever REQUIRE_STAFF_MFA says), every
 * session ended, and the audit row `user.mfa_reset` (no secret, no code).
 *
 * The admin's own account is refused (another admin resets it), as are members and API
 * service users (neither has two-step sign-in), and an account that has it off.
 */
export async function resetUserMfa(actor: Actor, userId: string): Promise<PersonDetail> {
  await authorize(actor, "user.manage", { recordType: "user", recordId: userId }, { denyAs: "NOT_FOUND" });
  const db = await getDb();
  const id = parseRecordId(userId);
  const person = id ? await loadPersonDetail(db, id) : null;
  if (!person) throw await recordNotFound(db, actor, { action: "user.mfa_reset", recordType: "user", recordId: userId, reason: "not_found" }, "No such person.");
  refuseSelf(actor, person.id, "reset two-step sign-in of");
  if (person.role === "MEMBER" || person.serviceUser) throw new AppError("CONFLICT", "This account has no two-step sign-in.");

  const now = new Date();
  const reset = await db.$transaction(async (tx) => {
    // The condition is in the write: an account that turned it off meanwhile is not "reset".
    const { count } = await tx.user.updateMany({
      where: { id: person.id, mfaEnabledAt: { not: null } },
      data: { mfaEnabledAt: null, mfaSecretEncrypted: null, mfaLastStep: null, mfaEnrolmentRequired: true, sessionsValidAfter: now },
    });
    if (count !== 1) return false;
    await tx.mfaRecoveryCode.deleteMany({ where: { userId: person.id } });
    // ⚠ Every session ended: its open event streams close at once too.
    await tx.outboxEvent.createMany({ data: scopeChangedEvents([person.id]) });
    await tx.auditLog.create({ data: auditRowData(actor, { action: "user.mfa_reset", recordType: "user", recordId: person.id }), select: { id: true } });
    return true;
  });
  if (!reset) throw new AppError("CONFLICT", "Two-step sign-in is not on for this person.");
  return reloadPerson(db, person.id);
}
