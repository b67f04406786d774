import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { authorize } from "../audit/authorize";
import { auditRowData } from "../audit/audit-row-data";
import { isUniqueViolation } from "../messages/prisma-errors";
import { uuid7 } from "../shared/uuid7";
import { findTeamNamed, loadAdminTeam, nameTaken, teamNameKey } from "./admin-team-view";
import { createTeamSchema, type AdminTeamView, type CreateTeamInput } from "./schemas";

/**
 * Creates a team (POST /api/v1/admin/teams) with its queue — every team owns exactly one,
 * named after it — and the audit row, in one batch transaction.
 */
export async function createTeam(actor: Actor, input: CreateTeamInput): Promise<AdminTeamView> {
  await authorize(actor, "team.manage");
  const q = createTeamSchema.parse(input);
  const db = await getDb();
  if (await findTeamNamed(db, q.name)) throw nameTaken();

  const now = new Date();
  const teamId = uuid7(now.getTime());
  const queueId = uuid7(now.getTime());
  try {
    await db.$transaction([
      db.team.create({ data: { id: teamId, name: q.name, kind: q.kind, timeZone: q.timeZone, hours: q.hours, createdAt: now }, select: { id: true } }),
      db.queue.create({ data: { id: queueId, name: q.name, kind: "TEAM", teamId, createdAt: now }, select: { id: true } }),
      db.auditLog.create({
        data: auditRowData(actor, { action: "team.create", recordType: "team", recordId: teamId, details: { queueId, kind: q.kind } }),
        select: { id: true },
      }),
    ]);
  } catch (error) {
    // Two admins creating the same name at once: the unique index decides.
    if (isUniqueViolation(error, teamNameKey)) throw nameTaken();
    throw error;
  }
  const team = await loadAdminTeam(db, teamId);
  if (!team) throw new Error("created team not found");
  return team;
}
