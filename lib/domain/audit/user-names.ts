/**
 * Names of the people on a page of audit rows (actors and members), in one query. The audit
 * row itself stores ids only, so a later name change shows the current name.
 */
import type { Db } from "../../db/client";

export async function userNames(db: Db, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const unique = [...new Set([...ids].filter((id): id is string => id !== null))];
  if (unique.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}
