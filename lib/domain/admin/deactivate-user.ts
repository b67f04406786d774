import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { authorize } from "../audit/authorize";
import { auditRowData } from "../audit/audit-row-data";
import { scopeChangedEvents } from "../realtime/scope-changed-event";
import { isRecordNotFound } from "../messages/prisma-errors";
import { loadPersonDetail, memberIdOf, refuseSelf, reloadPerson } from "./admin-person";
import type { PersonDetail } from "./schemas";
import { planTicketRelease } from "./unassign-tickets";
import { planBorrowedAccessEnd } from "./end-borrowed-access";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";

/**
 * ⚠ SECURITY: deactivates an account (POST /api/v1/admin/users/{id}/deactivate) and ends
 * every one of its sessions at once. Session cookies are stateless, so the end is enforced
 * on the server: the actor loader refuses a DISABLED user on every request (cookie or API
 * key), and `sessionsValidAfter` is stamped so that a session begun before this moment stays
 * dead even if the account is reactivated later. Sign-in refuses disabled accounts too.
 * The person's active tickets go back to their queues unassigned. Same batch: the audit row.
 * Deactivating twice is a no-op; nobody deactivates themselves.
 */
export async function deactivateUser(actor: Actor, userId: string): Promise<PersonDetail> {
  await authorize(actor, "user.manage", { recordType: "user", recordId: userId }, { denyAs: "NOT_FOUND" });
  const db = await getDb();
  const id = parseRecordId(userId);
  const person = id ? await loadPersonDetail(db, id) : null;
  if (!person) throw await recordNotFound(db, actor, { action: "user.deactivate", recordType: "user", recordId: userId, reason: "not_found" }, "No such person.");
  if (person.status === "DISABLED") return person;
  refuseSelf(actor, person.id, "deactivate");

  const now = new Date();
  const release = await planTicketRelease(db, actor, person.id, now);
  // ⚠ Collaborations and emergency accesses end too: they would come back on reactivation.
  const borrowed = await planBorrowedAccessEnd(db, actor, person.id, now, "deactivation");
  try {
    await db.$transaction([
      db.user.update({ where: { id: person.id, status: "ACTIVE" }, data: { status: "DISABLED", sessionsValidAfter: now }, select: { id: true } }),
      // ⚠ Open event streams of the person close at once, on every instance.
      db.outboxEvent.createMany({ data: scopeChangedEvents([person.id]) }),
      ...release.writes,
      ...borrowed.writes,
      db.auditLog.create({
        data: auditRowData(actor, {
          action: "user.deactivate",
          memberId: memberIdOf(person),
          recordType: "user",
          recordId: person.id,
          details: { role: person.role, releasedTickets: release.count, endedCollaborations: borrowed.collaborations, endedEmergencyAccesses: borrowed.emergencyAccesses },
        }),
        select: { id: true },
      }),
    ]);
  } catch (error) {
    if (isRecordNotFound(error)) throw new AppError("CONFLICT", "This account was changed meanwhile. Reload and try again.");
    throw error;
  }
  return reloadPerson(db, person.id);
}
