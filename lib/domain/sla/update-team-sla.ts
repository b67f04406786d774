import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { auditRowData } from "../audit/audit-row-data";
import { authorize } from "../audit/authorize";
import { uuid7 } from "../shared/uuid7";
import { updateTeamSlaSchema, type TeamSlaView, type UpdateTeamSlaInput } from "./schemas";
import { loadTeamSla } from "./team-sla-view";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";

/**
 * Replaces a team's response targets (PUT /api/v1/admin/teams/{id}/sla): one per priority,
 * first-response and next-response minutes in the team's working hours; a priority left out
 * has no target. Working hours and time zone are the team's own settings (PATCH
 * /admin/teams/{id}). One batch with its audit row. New targets apply at once: the queue
 * computes due times on read and the sweep on its next pass.
 */
export async function updateTeamSla(actor: Actor, teamId: string, input: UpdateTeamSlaInput): Promise<TeamSlaView> {
  await authorize(actor, "team.manage", { recordType: "team", recordId: teamId }, { denyAs: "NOT_FOUND" });
  const q = updateTeamSlaSchema.parse(input);
  const db = await getDb();
  const id = parseRecordId(teamId);
  const current = id ? await loadTeamSla(db, id) : null;
  if (!current) throw await recordNotFound(db, actor, { action: "team.sla.update", recordType: "team", recordId: teamId, reason: "not_found" }, "No such team.");
  const keep = q.policies.map((p) => p.priority);
  await db.$transaction([
    db.slaPolicy.deleteMany({ where: { teamId: current.teamId, priority: { notIn: keep } } }),
    ...q.policies.map((p) =>
      db.slaPolicy.upsert({
        where: { teamId_priority: { teamId: current.teamId, priority: p.priority } },
        create: { id: uuid7(), teamId: current.teamId, ...p },
        update: { firstResponseMinutes: p.firstResponseMinutes, nextResponseMinutes: p.nextResponseMinutes },
        select: { id: true },
      }),
    ),
    db.auditLog.create({
      data: auditRowData(actor, {
        action: "team.sla.update",
        recordType: "team",
        recordId: current.teamId,
        details: { from: current.policies, to: q.policies },
      }),
      select: { id: true },
    }),
  ]);
  const view = await loadTeamSla(db, current.teamId);
  if (!view) throw new AppError("NOT_FOUND");
  return view;
}
