import type { Actor } from "../../access/actor";
import { threadWhereForActor } from "../../access/scopes";
import { getDb } from "../../db/client";
import { authorize } from "../audit/authorize";
import { recordAudit } from "../audit/record-audit";
import type { ThreadAccess, ThreadView } from "./schemas";
import { threadAccessSelect, threadViewSelect, toThreadAccess, toThreadView } from "./thread-view";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";

export type ThreadDetail = ThreadView & {
  member: { id: string; name: string };
  team: { id: string; name: string; kind: "CONCIERGE" | "VIRTUAL_PRIMARY_CARE" | "HEALTH_CENTER" } | null;
  /** How the actor reaches this thread; an emergency access says when it ends. */
  access: ThreadAccess;
};

/** One thread the actor may open (GET /api/v1/threads/{id}); NOT_FOUND otherwise. Audited. */
export async function getThread(actor: Actor, threadId: string): Promise<ThreadDetail> {
  await authorize(actor, "thread.read", { recordType: "thread", recordId: threadId }, { denyAs: "NOT_FOUND" });
  const db = await getDb();
  const id = parseRecordId(threadId);
  if (!id) throw await recordNotFound(db, actor, { action: "thread.read", recordType: "thread", recordId: threadId });

  // One `now` for the scope filter and for `access`, so the two cannot disagree at the
  // moment an emergency access ends.
  const now = new Date();
  const row = await db.thread.findFirst({
    where: { AND: [{ id }, threadWhereForActor(actor, now)] },
    select: {
      ...threadViewSelect,
      ...threadAccessSelect(actor, now),
      member: { select: { id: true, name: true } },
      team: { select: { id: true, name: true, kind: true } },
    },
  });
  const access = row ? toThreadAccess(actor, row) : null;
  if (!row || !access) throw await recordNotFound(db, actor, { action: "thread.read", recordType: "thread", recordId: id });

  await recordAudit(db, actor, {
    action: "thread.read",
    memberId: row.memberId,
    recordType: "thread",
    recordId: row.id,
    // Reads under an emergency access are marked, so its review sees what was opened.
    ...(access.via === "emergency" ? { details: { via: "emergency" } } : {}),
  });
  const { member, team, collaborators: _collaborators, emergencies: _emergencies, ...thread } = row;
  return { ...toThreadView(thread), member, team, access };
}
