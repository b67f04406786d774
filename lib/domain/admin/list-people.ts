import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { authorize } from "../audit/authorize";
import { recordAudit } from "../audit/record-audit";
import { personSelect, toPersonView } from "./admin-person";
import { decodePeopleCursor, encodePeopleCursor } from "./people-cursor";
import { listPeopleSchema, type ListPeopleInput, type PeoplePage } from "./schemas";

/**
 * Staff and members for administration (GET /api/v1/admin/users), by name, a page at a
 * time: name, email, role, teams, status. Searching matches part of a name or email.
 * Who is a member of the plan is itself sensitive, so each page read is audited (with the
 * count shown, not the people).
 */
export async function listPeople(actor: Actor, input: ListPeopleInput = {}): Promise<PeoplePage> {
  await authorize(actor, "user.manage");
  const q = listPeopleSchema.parse(input);
  const cursor = decodePeopleCursor(q.cursor);
  const teamId = q.teamId?.toLowerCase();

  const filters: Prisma.UserWhereInput[] = [];
  if (q.q) filters.push({ OR: [{ name: { contains: q.q, mode: "insensitive" } }, { email: { contains: q.q, mode: "insensitive" } }] });
  if (q.type === "member") filters.push({ role: "MEMBER" });
  if (q.type === "staff") filters.push({ role: { not: "MEMBER" } });
  if (q.role) filters.push({ role: q.role });
  if (q.status) filters.push({ status: q.status });
  // A team's people: the staff who work in it and the members whose concierge team it is.
  if (teamId) filters.push({ OR: [{ teamMemberships: { some: { teamId } } }, { memberProfile: { teamId } }] });
  if (cursor) filters.push({ OR: [{ name: { gt: cursor.name } }, { name: cursor.name, id: { gt: cursor.id } }] });

  const db = await getDb();
  const rows = await db.user.findMany({
    where: { AND: filters },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: q.limit + 1,
    select: personSelect,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  await recordAudit(db, actor, { action: "user.list", details: { count: page.length, ...(q.type ? { type: q.type } : {}) } });
  return {
    items: page.map(toPersonView),
    nextCursor: rows.length > q.limit && last ? encodePeopleCursor({ name: last.name, id: last.id }) : null,
  };
}
