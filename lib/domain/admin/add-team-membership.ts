import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { authorize } from "../audit/authorize";
import { auditRowData } from "../audit/audit-row-data";
import { scopeChangedEvents } from "../realtime/scope-changed-event";
import { isUniqueViolation, type UniqueKey } from "../messages/prisma-errors";
import { loadPersonDetail, reloadPerson } from "./admin-person";
import { isTeamRole, type PersonDetail } from "./schemas";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";

const membershipKey: UniqueKey = { model: "TeamMembership", index: "team_memberships_pkey", fields: ["team_id", "user_id"] };

/**
 * Puts a care guide, nurse or physician in a team (PUT /api/v1/admin/users/{id}/teams/{teamId}).
 * They reach the team's threads from their next request on (the actor is rebuilt per
 * request). Members are not put in teams: their concierge team is set on its own (see
 * assignMemberTeam). Idempotent: already in the team, nothing is written.
 */
export async function addTeamMembership(actor: Actor, userId: string, teamId: string): Promise<PersonDetail> {
  await authorize(actor, "user.manage", { recordType: "user", recordId: userId }, { denyAs: "NOT_FOUND" });
  const db = await getDb();
  const id = parseRecordId(userId);
  const person = id ? await loadPersonDetail(db, id) : null;
  if (!person) throw await recordNotFound(db, actor, { action: "user.team_add", recordType: "user", recordId: userId, reason: "not_found" }, "No such person.");
  const tid = parseRecordId(teamId);
  const team = tid ? await db.team.findUnique({ where: { id: tid }, select: { id: true, archivedAt: true } }) : null;
  if (!team) throw await recordNotFound(db, actor, { action: "user.team_add", recordType: "team", recordId: teamId, reason: "not_found" }, "No such team.");

  if (!isTeamRole(person.role)) {
    const why = person.role === "MEMBER" ? "A member's concierge team is set with “Concierge team”, not as a team membership." : "Administrators and compliance work in no team.";
    throw new AppError("CONFLICT", why);
  }
  if (team.archivedAt) throw new AppError("CONFLICT", "That team is archived. Restore it first.");
  if (person.teams.some((t) => t.id === team.id)) return person;

  try {
    await db.$transaction([
      db.teamMembership.create({ data: { teamId: team.id, userId: person.id }, select: { teamId: true } }),
      // Open event streams of the person pick up the team at once (not at the 20 s re-check).
      db.outboxEvent.createMany({ data: scopeChangedEvents([person.id]) }),
      db.auditLog.create({
        data: auditRowData(actor, { action: "user.team_add", recordType: "user", recordId: person.id, details: { teamId: team.id } }),
        select: { id: true },
      }),
    ]);
  } catch (error) {
    // Added by someone else at the same moment: the outcome asked for is there.
    if (!isUniqueViolation(error, membershipKey)) throw error;
  }
  return reloadPerson(db, person.id);
}
