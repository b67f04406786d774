import type { PrismaClient } from "../../db/generated/client";
import { ticketPriorities } from "../tickets/schemas";
import { parseTeamHours } from "./sla-due";
import type { TeamSlaView } from "./schemas";

const order = (p: string) => ticketPriorities.indexOf(p as (typeof ticketPriorities)[number]);

export async function loadTeamSla(db: PrismaClient, teamId: string): Promise<TeamSlaView | null> {
  const team = await db.team.findUnique({
    where: { id: teamId },
    select: { id: true, name: true, timeZone: true, hours: true, slaPolicies: { select: { priority: true, firstResponseMinutes: true, nextResponseMinutes: true } } },
  });
  if (!team) return null;
  return {
    teamId: team.id,
    teamName: team.name,
    timeZone: team.timeZone,
    hours: parseTeamHours(team.hours),
    policies: [...team.slaPolicies].sort((a, b) => order(a.priority) - order(b.priority)),
  };
}
