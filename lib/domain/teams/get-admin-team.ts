import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { authorize } from "../audit/authorize";
import { loadAdminTeam } from "./admin-team-view";
import type { AdminTeamDetail } from "./schemas";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";

/**
 * One team with its staff (GET /api/v1/admin/teams/{id}). Members are counted, not listed:
 * who belongs to which concierge team is managed from each member's page.
 */
export async function getAdminTeam(actor: Actor, teamId: string): Promise<AdminTeamDetail> {
  await authorize(actor, "team.manage", { recordType: "team", recordId: teamId }, { denyAs: "NOT_FOUND" });
  const db = await getDb();
  const id = parseRecordId(teamId);
  const team = id ? await loadAdminTeam(db, id) : null;
  if (!team) throw await recordNotFound(db, actor, { action: "team.read", recordType: "team", recordId: teamId, reason: "not_found" }, "No such team.");
  const memberships = await db.teamMembership.findMany({
    where: { teamId: team.id },
    orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
    select: {
      user: { select: { id: true, name: true, email: true, role: true, status: true, _count: { select: { apiClients: true } } } },
    },
  });
  return {
    ...team,
    staff: memberships.map(({ user }) => ({
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      status: user.status,
      serviceUser: user._count.apiClients > 0,
    })),
  };
}
