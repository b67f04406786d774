import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { authorize } from "../audit/authorize";
import { adminTeamSelect, nurseCounts, toAdminTeamView } from "./admin-team-view";
import { listAdminTeamsSchema, type AdminTeamView, type ListAdminTeamsInput } from "./schemas";

/**
 * Teams for administration (GET /api/v1/admin/teams): settings, head counts and open work.
 * Active teams first by name, then archived ones when asked for. Numbers only — no
 * conversation contents — so the read is not a PHI access and writes no audit row.
 */
export async function listAdminTeams(actor: Actor, input: ListAdminTeamsInput = {}): Promise<{ items: AdminTeamView[] }> {
  await authorize(actor, "team.manage");
  const q = listAdminTeamsSchema.parse(input);
  const db = await getDb();
  const rows = await db.team.findMany({
    where: q.archived === "true" ? {} : { archivedAt: null },
    orderBy: [{ archivedAt: { sort: "desc", nulls: "first" } }, { name: "asc" }],
    select: adminTeamSelect,
  });
  const nurses = await nurseCounts(db, rows.map((r) => r.id));
  return { items: rows.map((r) => toAdminTeamView(r, nurses.get(r.id) ?? 0)) };
}
