import type { Actor } from "../../access/actor";
import { threadWhereForActor } from "../../access/scopes";
import { getDb } from "../../db/client";
import { authorize } from "../audit/authorize";
import { recordAudit } from "../audit/record-audit";
import type { ThreadView } from "./schemas";
import { parseThreadId, threadNotFound } from "./thread-not-found";
import { threadViewSelect, toThreadView } from "./thread-view";

export type ThreadDetail = ThreadView & {
  member: { id: string; name: string };
  team: { id: string; name: string; kind: "CONCIERGE" | "VIRTUAL_PRIMARY_CARE" | "HEALTH_CENTER" } | null;
};

/** One thread the actor may open (GET /api/v1/threads/{id}); NOT_FOUND otherwise. Audited. */
export async function getThread(actor: Actor, threadId: string): Promise<ThreadDetail> {
  await authorize(actor, "thread.read", { recordType: "thread", recordId: threadId.slice(0, 64) }, { denyAs: "NOT_FOUND" });
  const db = await getDb();
  const id = parseThreadId(threadId);
  if (!id) throw await threadNotFound(db, actor, "thread.read", threadId);

  const row = await db.thread.findFirst({
    where: { AND: [{ id }, threadWhereForActor(actor)] },
    select: {
      ...threadViewSelect,
      member: { select: { id: true, name: true } },
      team: { select: { id: true, name: true, kind: true } },
    },
  });
  if (!row) throw await threadNotFound(db, actor, "thread.read", id);

  await recordAudit(db, actor, { action: "thread.read", memberId: row.memberId, recordType: "thread", recordId: row.id });
  const { member, team, ...thread } = row;
  return { ...toThreadView(thread), member, team };
}
