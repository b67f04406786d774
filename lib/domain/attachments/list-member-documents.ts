/**
 * The member's documents for the context panel (GET /api/v1/members/{id}/documents): clean
 * attachments about that member on messages the actor may read. Only roles granted the
 * `documents` field (lib/access/member-context-fields.ts) get them; others get NOT_FOUND, as
 * for any field they may not see, and so does a member outside the actor's scope (audited
 * as DENIED). Audited as one read of the member's documents.
 */
import type { Actor } from "../../access/actor";
import { memberContextFieldsFor } from "../../access/member-context-fields";
import { memberWhereForActor, messageWhereForActor } from "../../access/scopes";
import { getDb } from "../../db/client";
import { authorize } from "../audit/authorize";
import { recordAudit } from "../audit/record-audit";
import { attachmentViewSelect, toAttachmentView } from "./attachment-view";
import type { AttachmentView } from "./schemas";
import { parseRecordId } from "../shared/record-id";
import { recordNotFound } from "../audit/record-not-found";

const MAX_DOCUMENTS = 50;

export async function listMemberDocuments(actor: Actor, memberId: string): Promise<{ items: AttachmentView[] }> {
  const target = { recordType: "member", recordId: memberId };
  await authorize(actor, "memberContext.read", target, { denyAs: "NOT_FOUND" });
  const db = await getDb();
  const id = parseRecordId(memberId);
  if (!id || !memberContextFieldsFor(actor.role).has("documents")) {
    throw await recordNotFound(db, actor, { action: "memberDocuments.list", ...target, reason: id ? "field_not_granted" : "out_of_scope" });
  }
  // ⚠ The member must be in the actor's scope, like the context panel (memberWhereForActor).
  // Filtering the documents alone would answer an empty list for anyone — and audit it as
  // an ALLOWED read of that member, naming the actor in her "who has seen my messages".
  const member = await db.user.findFirst({ where: { id, ...memberWhereForActor(actor), memberProfile: { isNot: null } }, select: { id: true } });
  if (!member) {
    throw await recordNotFound(db, actor, { action: "memberDocuments.list", ...target });
  }
  const rows = await db.attachment.findMany({
    where: { memberId: id, status: "CLEAN", message: messageWhereForActor(actor) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: MAX_DOCUMENTS,
    select: attachmentViewSelect,
  });
  await recordAudit(db, actor, { action: "memberDocuments.list", memberId: id, recordType: "member", recordId: id, details: { count: rows.length } });
  return { items: rows.map(toAttachmentView) };
}
