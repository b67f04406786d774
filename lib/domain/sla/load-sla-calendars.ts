/** Each team's working hours, zone and targets, in one query, for the breach sweep (inside its transaction). The queue and live queue rows read the same data with queue-sla.ts's raw statement. */
import type { Prisma } from "../../db/generated/client";
import { parseTeamHours, type SlaTeamCalendar } from "./sla-due";

export async function loadSlaCalendars(db: Pick<Prisma.TransactionClient, "team">, teamIds: Iterable<string>): Promise<Map<string, SlaTeamCalendar>> {
  const ids = [...new Set(teamIds)];
  if (ids.length === 0) return new Map();
  const teams = await db.team.findMany({
    where: { id: { in: ids } },
    select: { id: true, timeZone: true, hours: true, slaPolicies: { select: { priority: true, firstResponseMinutes: true, nextResponseMinutes: true } } },
  });
  return new Map(teams.map((t) => [t.id, { timeZone: t.timeZone, hours: parseTeamHours(t.hours), policies: t.slaPolicies }]));
}
