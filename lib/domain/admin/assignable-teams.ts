/** Teams people can be put in: existing and not archived. Shared by the people and API client operations. */
import type { PrismaClient } from "../../db/generated/client";
import { AppError } from "../../errors";

/** The ids, lower-cased, when every one names an active team; else INVALID_INPUT on `path`. */
export async function requireActiveTeams(db: PrismaClient, teamIds: readonly string[], path = "teamIds"): Promise<string[]> {
  const ids = teamIds.map((id) => id.toLowerCase());
  if (ids.length === 0) return [];
  const found = await db.team.count({ where: { id: { in: ids }, archivedAt: null } });
  if (found !== new Set(ids).size) {
    throw new AppError("INVALID_INPUT", "Choose teams that exist and are not archived.", [{ path, message: "One of these teams does not exist or is archived." }]);
  }
  return ids;
}
