import { authorize } from "../audit/authorize";
import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";

export type TeamOverview = {
  id: string;
  name: string;
  kind: "CONCIERGE" | "VIRTUAL_PRIMARY_CARE" | "HEALTH_CENTER";
  staffCount: number;
  memberCount: number;
  openTickets: number;
};

/** Teams with head counts and open work — numbers only, no message contents (admins). */
export async function listTeams(actor: Actor): Promise<{ teams: TeamOverview[]; triageOpenTickets: number }> {
  await authorize(actor, "team.manage");
  const db = await getDb();
  const open = { status: { not: "CLOSED" as const } };
  const [teams, triageOpenTickets] = await Promise.all([
    db.team.findMany({
      where: { archivedAt: null },
      orderBy: { name: "asc" },
      select: {
        id: true,
        name: true,
        kind: true,
        // Active staff only, as the teams page counts them: a deactivated account works nowhere.
        _count: { select: { memberships: { where: { user: { status: "ACTIVE" } } }, members: true, tickets: { where: open } } },
      },
    }),
    db.ticket.count({ where: { ...open, queue: { kind: "TRIAGE" } } }),
  ]);
  return {
    teams: teams.map((t) => ({
      id: t.id,
      name: t.name,
      kind: t.kind,
      staffCount: t._count.memberships,
      memberCount: t._count.members,
      openTickets: t._count.tickets,
    })),
    triageOpenTickets,
  };
}
