import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { authorize } from "../audit/authorize";
import { recordAudit } from "../audit/record-audit";
import { loadPersonDetail, memberIdOf, parseUserId, personNotFound } from "./admin-person";
import type { PersonDetail } from "./schemas";

/**
 * One person for administration (GET /api/v1/admin/users/{id}): identity, role, teams,
 * status and counts. Audited, with the member column set when the person is a member.
 */
export async function getPerson(actor: Actor, userId: string): Promise<PersonDetail> {
  await authorize(actor, "user.manage", { recordType: "user", recordId: userId.slice(0, 64) }, { denyAs: "NOT_FOUND" });
  const db = await getDb();
  const id = parseUserId(userId);
  const person = id ? await loadPersonDetail(db, id) : null;
  if (!person) throw await personNotFound(db, actor, "user.read", userId);
  await recordAudit(db, actor, { action: "user.read", memberId: memberIdOf(person), recordType: "user", recordId: person.id });
  return person;
}
