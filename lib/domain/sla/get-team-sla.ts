import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { authorize } from "../audit/authorize";
import type { TeamSlaView } from "./schemas";
import { loadTeamSla } from "./team-sla-view";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";

/** A team's response targets and working hours (GET /api/v1/admin/teams/{id}/sla). Admins only; no PHI. */
export async function getTeamSla(actor: Actor, teamId: string): Promise<TeamSlaView> {
  await authorize(actor, "team.manage", { recordType: "team", recordId: teamId }, { denyAs: "NOT_FOUND" });
  const db = await getDb();
  const id = parseRecordId(teamId);
  const view = id ? await loadTeamSla(db, id) : null;
  if (!view) throw await recordNotFound(db, actor, { action: "team.sla.read", recordType: "team", recordId: teamId, reason: "not_found" }, "No such team.");
  return view;
}
