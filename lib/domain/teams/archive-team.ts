import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { authorize } from "../audit/authorize";
import { auditRowData } from "../audit/audit-row-data";
import { isRecordNotFound } from "../messages/prisma-errors";
import { loadAdminTeam } from "./admin-team-view";
import type { AdminTeamView } from "./schemas";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";
import { scopeChangedEvents } from "../realtime/scope-changed-event";

/**
 * Archives a team (POST /api/v1/admin/teams/{id}/archive). An archived team takes no new
 * conversations and its staff lose access to its threads at their next request (the actor
 * loader ignores memberships of archived teams). So a team is archived only once nothing
 * depends on it: no member has it as their concierge team and none of its tickets is still
 * active — otherwise that work would sit where no one can see it. Archiving twice is a no-op.
 *
 * ⚠ SECURITY: the team's staff get a scope.changed signal in the same transaction, so their
 * open event streams drop the team at once (lib/domain/realtime/scope-changed-event.ts), not
 * at the next 20-second re-check. Someone added to the team between the read of its staff
 * and this write got the signal from that addition, and the re-check covers the rest.
 */
export async function archiveTeam(actor: Actor, teamId: string): Promise<AdminTeamView> {
  await authorize(actor, "team.manage", { recordType: "team", recordId: teamId }, { denyAs: "NOT_FOUND" });
  const db = await getDb();
  const id = parseRecordId(teamId);
  const current = id ? await loadAdminTeam(db, id) : null;
  if (!current) throw await recordNotFound(db, actor, { action: "team.archive", recordType: "team", recordId: teamId, reason: "not_found" }, "No such team.");
  if (current.archivedAt) return current;
  if (current.memberCount > 0 || current.openTickets > 0) throw stillInUse(current);

  const now = new Date();
  const staff = await db.teamMembership.findMany({ where: { teamId: current.id }, select: { userId: true } });
  try {
    await db.$transaction([
      // ⚠ The same rule in the write: a member or ticket arriving meanwhile aborts the batch.
      db.team.update({
        where: { id: current.id, archivedAt: null, members: { none: {} }, tickets: { none: { status: { not: "CLOSED" } } } },
        data: { archivedAt: now },
        select: { id: true },
      }),
      db.auditLog.create({ data: auditRowData(actor, { action: "team.archive", recordType: "team", recordId: current.id }), select: { id: true } }),
      db.outboxEvent.createMany({ data: scopeChangedEvents(staff.map((m) => m.userId)) }),
    ]);
  } catch (error) {
    if (isRecordNotFound(error)) throw new AppError("CONFLICT", "The team changed meanwhile. Reload and try again.");
    throw error;
  }
  const team = await loadAdminTeam(db, current.id);
  if (!team) throw new AppError("NOT_FOUND");
  return team;
}

function stillInUse(team: AdminTeamView): AppError {
  const reasons = [
    team.memberCount > 0 ? `${team.memberCount} ${team.memberCount === 1 ? "member has" : "members have"} it as their concierge team` : null,
    team.openTickets > 0 ? `${team.openTickets} of its tickets ${team.openTickets === 1 ? "is" : "are"} not closed yet` : null,
  ].filter((r): r is string => r !== null);
  return new AppError("CONFLICT", `This team cannot be archived yet: ${reasons.join(", and ")}. Move the members to another team and let its staff close the tickets first.`);
}
