import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { authorize } from "../audit/authorize";
import { auditRowData } from "../audit/audit-row-data";
import { loadPersonDetail, memberIdOf, reloadPerson } from "./admin-person";
import type { PersonDetail } from "./schemas";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";

/**
 * Reactivates a deactivated account (POST /api/v1/admin/users/{id}/reactivate). The person
 * signs in afresh: sessions from before the deactivation stay refused (their cut-off
 * stays). Teams and role are as they were; tickets released at deactivation stay released.
 * A no-op on an active account.
 */
export async function reactivateUser(actor: Actor, userId: string): Promise<PersonDetail> {
  await authorize(actor, "user.manage", { recordType: "user", recordId: userId }, { denyAs: "NOT_FOUND" });
  const db = await getDb();
  const id = parseRecordId(userId);
  const person = id ? await loadPersonDetail(db, id) : null;
  if (!person) throw await recordNotFound(db, actor, { action: "user.reactivate", recordType: "user", recordId: userId, reason: "not_found" }, "No such person.");
  if (person.status === "ACTIVE") return person;
  await db.$transaction([
    db.user.update({ where: { id: person.id }, data: { status: "ACTIVE" }, select: { id: true } }),
    db.auditLog.create({
      data: auditRowData(actor, { action: "user.reactivate", memberId: memberIdOf(person), recordType: "user", recordId: person.id }),
      select: { id: true },
    }),
  ]);
  return reloadPerson(db, person.id);
}
