import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { authorize } from "../audit/authorize";
import { auditRowData } from "../audit/audit-row-data";
import { loadAdminTeam } from "./admin-team-view";
import type { AdminTeamView } from "./schemas";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";
import { scopeChangedEvents } from "../realtime/scope-changed-event";

/**
 * Brings an archived team back (POST /api/v1/admin/teams/{id}/restore), so archiving is
 * never a one-way door. Its staff regain access at their next request — and their open
 * event streams at once: a scope.changed signal each, in the same transaction (their streams
 * reload the scope). A no-op on an active team.
 */
export async function restoreTeam(actor: Actor, teamId: string): Promise<AdminTeamView> {
  await authorize(actor, "team.manage", { recordType: "team", recordId: teamId }, { denyAs: "NOT_FOUND" });
  const db = await getDb();
  const id = parseRecordId(teamId);
  const current = id ? await loadAdminTeam(db, id) : null;
  if (!current) throw await recordNotFound(db, actor, { action: "team.restore", recordType: "team", recordId: teamId, reason: "not_found" }, "No such team.");
  if (!current.archivedAt) return current;
  const staff = await db.teamMembership.findMany({ where: { teamId: current.id }, select: { userId: true } });
  await db.$transaction([
    db.team.update({ where: { id: current.id }, data: { archivedAt: null }, select: { id: true } }),
    db.auditLog.create({ data: auditRowData(actor, { action: "team.restore", recordType: "team", recordId: current.id }), select: { id: true } }),
    db.outboxEvent.createMany({ data: scopeChangedEvents(staff.map((m) => m.userId)) }),
  ]);
  const team = await loadAdminTeam(db, current.id);
  if (!team) throw new AppError("NOT_FOUND");
  return team;
}
