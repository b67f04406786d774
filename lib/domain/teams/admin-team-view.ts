/**
 * Loading teams as administration shows them — settings and numbers only — shared by the
 * team operations. Nothing here reads a thread, a message or a member's record.
 */
import type { Prisma, PrismaClient } from "../../db/generated/client";
import { AppError } from "../../errors";
import type { UniqueKey } from "../messages/prisma-errors";
import { workingHoursSchema, type AdminTeamView, type WorkingHours } from "./schemas";

/** Team names are unique (the index is case-sensitive; the operations also check without case). */
export const teamNameKey: UniqueKey = { model: "Team", index: "teams_name_key", fields: ["name"] };

export const adminTeamSelect = {
  id: true,
  name: true,
  kind: true,
  timeZone: true,
  hours: true,
  archivedAt: true,
  createdAt: true,
  _count: {
    select: {
      memberships: { where: { user: { status: "ACTIVE" } } },
      members: true,
      tickets: { where: { status: { not: "CLOSED" } } },
    },
  },
} as const satisfies Prisma.TeamSelect;

type AdminTeamRow = Prisma.TeamGetPayload<{ select: typeof adminTeamSelect }>;

/** Stored hours that do not parse (hand-edited rows) show as "no hours" rather than failing the page. */
function parseHours(value: Prisma.JsonValue): WorkingHours {
  const parsed = workingHoursSchema.safeParse(value);
  return parsed.success ? parsed.data : [];
}

export function toAdminTeamView(row: AdminTeamRow, nurseCount: number): AdminTeamView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    timeZone: row.timeZone,
    hours: parseHours(row.hours),
    archivedAt: row.archivedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    staffCount: row._count.memberships,
    nurseCount,
    memberCount: row._count.members,
    openTickets: row._count.tickets,
  };
}

/** Active nurses per team, for the "a concierge team needs a nurse" warning. */
export async function nurseCounts(db: PrismaClient, teamIds: string[]): Promise<Map<string, number>> {
  if (teamIds.length === 0) return new Map();
  const rows = await db.teamMembership.groupBy({
    by: ["teamId"],
    where: { teamId: { in: teamIds }, user: { role: "NURSE", status: "ACTIVE" } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.teamId, r._count._all]));
}

export async function loadAdminTeam(db: PrismaClient, teamId: string): Promise<AdminTeamView | null> {
  const row = await db.team.findUnique({ where: { id: teamId }, select: adminTeamSelect });
  if (!row) return null;
  return toAdminTeamView(row, (await nurseCounts(db, [row.id])).get(row.id) ?? 0);
}

export function nameTaken(): AppError {
  return new AppError("CONFLICT", "Another team already has that name.", [{ path: "name", message: "Choose a name no other team uses." }]);
}

/** Another team (archived ones too: the name stays taken) with the same name, ignoring case. */
export async function findTeamNamed(db: PrismaClient, name: string, exceptId?: string): Promise<boolean> {
  const row = await db.team.findFirst({
    where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  return row !== null;
}
