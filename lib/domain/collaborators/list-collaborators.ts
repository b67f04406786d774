import type { Actor } from "../../access/actor";
import { threadWhereForActor } from "../../access/scopes";
import { getDb } from "../../db/client";
import { authorize } from "../audit/authorize";
import { recordAudit } from "../audit/record-audit";
import { canRemoveCollaborators } from "./can-remove-collaborators";
import type { CollaboratorList, CollaboratorView } from "./schemas";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";

/**
 * The active collaborators of a thread the actor can open (GET /api/v1/threads/{id}/collaborators):
 * who, added by whom, why, since when — oldest first, each person once. `canRemove` tells
 * the sidebar whether to offer removal (staff of the owning team only; removeCollaborator
 * checks again). Staff only: the capability to bring people in is the one to see who is in.
 */
export async function listCollaborators(actor: Actor, threadId: string): Promise<CollaboratorList> {
  await authorize(actor, "collaborator.add", { recordType: "thread", recordId: threadId }, { denyAs: "NOT_FOUND" });
  const db = await getDb();
  const id = parseRecordId(threadId);
  if (!id) throw await recordNotFound(db, actor, { action: "collaborator.list", recordType: "thread", recordId: threadId });

  const thread = await db.thread.findFirst({
    where: { AND: [{ id }, threadWhereForActor(actor)] },
    select: {
      id: true,
      memberId: true,
      teamId: true,
      collaborators: {
        where: { removedAt: null },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: 200,
        select: {
          id: true,
          reason: true,
          createdAt: true,
          user: { select: { id: true, name: true, role: true } },
          addedBy: { select: { id: true, name: true, role: true } },
        },
      },
    },
  });
  if (!thread) throw await recordNotFound(db, actor, { action: "collaborator.list", recordType: "thread", recordId: id });

  // Concurrent mentions may have left two active rows for one person: show the first.
  const seen = new Set<string>();
  const items: CollaboratorView[] = [];
  for (const c of thread.collaborators) {
    if (seen.has(c.user.id)) continue;
    seen.add(c.user.id);
    items.push({ id: c.id, user: c.user, addedBy: c.addedBy, reason: c.reason, since: c.createdAt.toISOString() });
  }
  await recordAudit(db, actor, { action: "collaborator.list", memberId: thread.memberId, recordType: "thread", recordId: id, details: { count: items.length } });
  return { items, nextCursor: null, canRemove: canRemoveCollaborators(actor, thread.teamId) };
}
