/**
 * The people whose actions compliance can filter by: everyone who is not a member (staff,
 * admins, compliance, API service users), names and roles only. Members are found one at a
 * time by an exact identifier (find-audit-member.ts), never listed.
 */
import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { authorize } from "./authorize";

export type AuditActorOption = { id: string; name: string; role: string };

export async function listAuditActors(actor: Actor): Promise<AuditActorOption[]> {
  await authorize(actor, "audit.read");
  const db = await getDb();
  return db.user.findMany({
    where: { role: { not: "MEMBER" } },
    select: { id: true, name: true, role: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 2_000,
  });
}
