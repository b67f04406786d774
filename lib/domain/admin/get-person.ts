import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { authorize } from "../audit/authorize";
import { recordAudit } from "../audit/record-audit";
import { loadPersonDetail, memberIdOf } from "./admin-person";
import type { PersonDetail } from "./schemas";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";

/**
 * One person for administration (GET /api/v1/admin/users/{id}): identity, role, teams,
 * status and counts. Audited, with the member column set when the person is a member.
 */
export async function getPerson(actor: Actor, userId: string): Promise<PersonDetail> {
  await authorize(actor, "user.manage", { recordType: "user", recordId: userId }, { denyAs: "NOT_FOUND" });
  const db = await getDb();
  const id = parseRecordId(userId);
  const person = id ? await loadPersonDetail(db, id) : null;
  if (!person) throw await recordNotFound(db, actor, { action: "user.read", recordType: "user", recordId: userId, reason: "not_found" }, "No such person.");
  await recordAudit(db, actor, { action: "user.read", memberId: memberIdOf(person), recordType: "user", recordId: person.id });
  return person;
}
