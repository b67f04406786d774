/** Active staff of each team: who a team alert goes to. */
import { staffRoles } from "../../access/roles";
import type { Prisma } from "../../db/generated/client";

export async function staffOfTeams(tx: Pick<Prisma.TransactionClient, "teamMembership">, teamIds: Iterable<string>): Promise<Map<string, string[]>> {
  const ids = [...new Set(teamIds)];
  const byTeam = new Map<string, string[]>();
  if (ids.length === 0) return byTeam;
  const rows = await tx.teamMembership.findMany({
    where: { teamId: { in: ids }, user: { status: "ACTIVE", role: { in: [...staffRoles] } } },
    select: { teamId: true, userId: true },
  });
  for (const r of rows) byTeam.set(r.teamId, [...(byTeam.get(r.teamId) ?? []), r.userId]);
  return byTeam;
}
