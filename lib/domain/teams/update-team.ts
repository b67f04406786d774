import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors";
import { authorize } from "../audit/authorize";
import { auditRowData } from "../audit/audit-row-data";
import { isRecordNotFound, isUniqueViolation } from "../messages/prisma-errors";
import { findTeamNamed, loadAdminTeam, nameTaken, teamNameKey } from "./admin-team-view";
import { updateTeamSchema, type AdminTeamView, type UpdateTeamInput } from "./schemas";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";

type Field = "name" | "kind" | "timeZone" | "hours";

/**
 * Edits a team's name, kind, time zone or working hours (PATCH /api/v1/admin/teams/{id}).
 * The queue is renamed with the team. A concierge team that members belong to keeps its
 * kind: a member's concierge team must be a concierge team, so they move first. Input that
 * changes nothing writes nothing.
 */
export async function updateTeam(actor: Actor, teamId: string, input: UpdateTeamInput): Promise<AdminTeamView> {
  await authorize(actor, "team.manage", { recordType: "team", recordId: teamId }, { denyAs: "NOT_FOUND" });
  const q = updateTeamSchema.parse(input);
  const db = await getDb();
  const id = parseRecordId(teamId);
  const current = id ? await loadAdminTeam(db, id) : null;
  if (!current) throw await recordNotFound(db, actor, { action: "team.update", recordType: "team", recordId: teamId, reason: "not_found" }, "No such team.");

  const changed: Record<Field, boolean> = {
    name: q.name !== undefined && q.name !== current.name,
    kind: q.kind !== undefined && q.kind !== current.kind,
    timeZone: q.timeZone !== undefined && q.timeZone !== current.timeZone,
    hours: q.hours !== undefined && JSON.stringify(q.hours) !== JSON.stringify(current.hours),
  };
  const fields = (Object.keys(changed) as Field[]).filter((f) => changed[f]);
  if (fields.length === 0) return current;

  if (changed.name && q.name && (await findTeamNamed(db, q.name, current.id))) throw nameTaken();
  const leavesConcierge = changed.kind && current.kind === "CONCIERGE";
  if (leavesConcierge && current.memberCount > 0) throw membersFirst(current.memberCount);

  const data: Prisma.TeamUpdateInput = {
    ...(changed.name ? { name: q.name } : {}),
    ...(changed.kind ? { kind: q.kind } : {}),
    ...(changed.timeZone ? { timeZone: q.timeZone } : {}),
    ...(changed.hours ? { hours: q.hours } : {}),
  };
  try {
    await db.$transaction([
      // ⚠ The member rule is in the write too: a member assigned meanwhile makes this match
      // nothing (P2025), which rolls the batch back.
      db.team.update({ where: { id: current.id, ...(leavesConcierge ? { members: { none: {} } } : {}) }, data, select: { id: true } }),
      ...(changed.name ? [db.queue.updateMany({ where: { teamId: current.id }, data: { name: q.name } })] : []),
      db.auditLog.create({
        data: auditRowData(actor, {
          action: "team.update",
          recordType: "team",
          recordId: current.id,
          details: {
            changed: fields,
            ...(changed.kind ? { kind: { from: current.kind, to: q.kind ?? null } } : {}),
            ...(changed.timeZone ? { timeZone: { from: current.timeZone, to: q.timeZone ?? null } } : {}),
          },
        }),
        select: { id: true },
      }),
    ]);
  } catch (error) {
    if (isUniqueViolation(error, teamNameKey)) throw nameTaken();
    if (isRecordNotFound(error)) throw new AppError("CONFLICT", "Members were assigned to this team meanwhile. Reload and try again.");
    throw error;
  }
  const team = await loadAdminTeam(db, current.id);
  if (!team) throw new AppError("NOT_FOUND");
  return team;
}

function membersFirst(count: number): AppError {
  return new AppError(
    "CONFLICT",
    `${count} ${count === 1 ? "member has" : "members have"} this as their concierge team. Move them to another concierge team before changing its kind.`,
    [{ path: "kind", message: "Only a team without members can stop being a concierge team." }],
  );
}
