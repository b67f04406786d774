import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { authorize } from "../audit/authorize";
import { parseTeamId, teamNotFound } from "../teams/admin-team-view";
import type { TeamSlaView } from "./schemas";
import { loadTeamSla } from "./team-sla-view";

/** A team's response targets and working hours (GET /api/v1/admin/teams/{id}/sla). Admins only; no PHI. */
export async function getTeamSla(actor: Actor, teamId: string): Promise<TeamSlaView> {
  await authorize(actor, "team.manage", { recordType: "team", recordId: teamId.slice(0, 64) }, { denyAs: "NOT_FOUND" });
  const db = await getDb();
  const id = parseTeamId(teamId);
  const view = id ? await loadTeamSla(db, id) : null;
  if (!view) throw await teamNotFound(db, actor, "team.sla.read", teamId);
  return view;
}
