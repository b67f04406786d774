import type { Actor } from "../../access/actor";
import { roleLabels } from "../../access/roles";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { authorize } from "../audit/authorize";
import { auditRowData } from "../audit/audit-row-data";
import { scopeChangedEvents } from "../realtime/scope-changed-event";
import { isRecordNotFound } from "../messages/prisma-errors";
import { loadPersonDetail, refuseSelf, reloadPerson } from "./admin-person";
import { changeUserRoleSchema, isTeamRole, type ChangeUserRoleInput, type PersonDetail } from "./schemas";
import { planTicketRelease } from "./unassign-tickets";
import { planBorrowedAccessEnd } from "./end-borrowed-access";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";

/**
 * Changes the role of a staff, admin or compliance account (PATCH /api/v1/admin/users/{id}).
 *
 *  - Never between member and anything else: a member account carries the person's own
 *    health record (profile, conversations, health tags). Made staff, that record would
 *    sit behind a staff login; a member made of a staff account would inherit a login
 *    with a staff history. A person who is both is two accounts.
 *  - An API client's service user stays a care guide, nurse or physician: a key must never
 *    carry administration or the audit log.
 *  - Leaving the team roles (to admin or compliance) leaves every team and releases the
 *    person's active tickets.
 *  - Every session of the person ends (sessions_valid_after): the next request needs a new
 *    sign-in with the new role. getActor() also refuses a token whose role differs, but
 *    only the stamp stops an old token from working again after a change back.
 */
export async function changeUserRole(actor: Actor, userId: string, input: ChangeUserRoleInput): Promise<PersonDetail> {
  await authorize(actor, "user.manage", { recordType: "user", recordId: userId }, { denyAs: "NOT_FOUND" });
  const { role } = changeUserRoleSchema.parse(input);
  const db = await getDb();
  const id = parseRecordId(userId);
  const person = id ? await loadPersonDetail(db, id) : null;
  if (!person) throw await recordNotFound(db, actor, { action: "user.role_change", recordType: "user", recordId: userId, reason: "not_found" }, "No such person.");
  if (person.role === role) return person;
  refuseSelf(actor, person.id, "change the role of");
  if (person.role === "MEMBER" || role === "MEMBER") {
    throw new AppError(
      "INVALID_INPUT",
      "Members and staff are separate accounts: a member's account holds their own health record. Create a staff account for the person instead.",
      [{ path: "role", message: "A member cannot become staff, nor staff a member." }],
    );
  }
  if (person.serviceUser && !isTeamRole(role)) {
    throw new AppError("INVALID_INPUT", "An API client's service user can only be a care guide, nurse or physician.", [
      { path: "role", message: `An API client cannot act as ${roleLabels[role].toLowerCase()}.` },
    ]);
  }

  const now = new Date();
  const leavesTeams = !isTeamRole(role);
  const release = leavesTeams ? await planTicketRelease(db, actor, person.id, now) : { count: 0, writes: [] };
  const removedTeamIds = leavesTeams ? person.teams.map((t) => t.id) : [];
  // ⚠ Whatever the new role, collaborations and emergency accesses end: they were given to
  // the person in the old role (a mention of a nurse, a reason typed by a guide).
  const borrowed = await planBorrowedAccessEnd(db, actor, person.id, now, "role_change");
  try {
    await db.$transaction([
      // Guarded by the role that was read: a concurrent change makes this match nothing.
      db.user.update({ where: { id: person.id, role: person.role }, data: { role, sessionsValidAfter: now }, select: { id: true } }),
      // ⚠ Open event streams of the person close at once, on every instance.
      db.outboxEvent.createMany({ data: scopeChangedEvents([person.id]) }),
      ...(leavesTeams ? [db.teamMembership.deleteMany({ where: { userId: person.id } })] : []),
      ...release.writes,
      ...borrowed.writes,
      db.auditLog.create({
        data: auditRowData(actor, {
          action: "user.role_change",
          recordType: "user",
          recordId: person.id,
          details: { from: person.role, to: role, removedTeamIds, releasedTickets: release.count, endedCollaborations: borrowed.collaborations, endedEmergencyAccesses: borrowed.emergencyAccesses },
        }),
        select: { id: true },
      }),
    ]);
  } catch (error) {
    if (isRecordNotFound(error)) throw new AppError("CONFLICT", "This person's role was changed meanwhile. Reload and try again.");
    throw error;
  }
  return reloadPerson(db, person.id);
}
