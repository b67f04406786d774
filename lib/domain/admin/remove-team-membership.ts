import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { authorize } from "../audit/authorize";
import { auditRowData } from "../audit/audit-row-data";
import { scopeChangedEvents } from "../realtime/scope-changed-event";
import { loadPersonDetail, reloadPerson } from "./admin-person";
import type { PersonDetail } from "./schemas";
import { planTicketRelease } from "./unassign-tickets";
import { planBorrowedAccessEnd } from "./end-borrowed-access";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";

/**
 * Takes a person out of a team (DELETE /api/v1/admin/users/{id}/teams/{teamId}). From
 * their next request they no longer reach the team's threads, so their active tickets of
 * that team go back to its queue unassigned — all in one batch transaction with the audit
 * row. Idempotent: not in the team, nothing is written.
 */
export async function removeTeamMembership(actor: Actor, userId: string, teamId: string): Promise<PersonDetail> {
  await authorize(actor, "user.manage", { recordType: "user", recordId: userId }, { denyAs: "NOT_FOUND" });
  const db = await getDb();
  const id = parseRecordId(userId);
  const person = id ? await loadPersonDetail(db, id) : null;
  if (!person) throw await recordNotFound(db, actor, { action: "user.team_remove", recordType: "user", recordId: userId, reason: "not_found" }, "No such person.");
  const tid = parseRecordId(teamId);
  const team = tid ? await db.team.findUnique({ where: { id: tid }, select: { id: true } }) : null;
  if (!team) throw await recordNotFound(db, actor, { action: "user.team_remove", recordType: "team", recordId: teamId, reason: "not_found" }, "No such team.");
  if (person.role === "MEMBER" || !person.teams.some((t) => t.id === team.id)) return person;

  const now = new Date();
  const release = await planTicketRelease(db, actor, person.id, now, { teamId: team.id });
  // ⚠ Borrowed access on the team's threads would keep them open after leaving it; leaving
  // the last team ends all of it (nobody outside a team is brought into conversations).
  const lastTeam = person.teams.every((t) => t.id === team.id);
  const borrowed = await planBorrowedAccessEnd(db, actor, person.id, now, "team_removal", lastTeam ? undefined : team.id);
  await db.$transaction([
    db.teamMembership.deleteMany({ where: { teamId: team.id, userId: person.id } }),
    // ⚠ Open event streams of the person drop the team at once, on every instance.
    db.outboxEvent.createMany({ data: scopeChangedEvents([person.id]) }),
    ...release.writes,
    ...borrowed.writes,
    db.auditLog.create({
      data: auditRowData(actor, {
        action: "user.team_remove",
        recordType: "user",
        recordId: person.id,
        details: { teamId: team.id, releasedTickets: release.count, endedCollaborations: borrowed.collaborations, endedEmergencyAccesses: borrowed.emergencyAccesses },
      }),
      select: { id: true },
    }),
  ]);
  return reloadPerson(db, person.id);
}
