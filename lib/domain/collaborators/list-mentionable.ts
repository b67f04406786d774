import type { Actor } from "../../access/actor";
import { threadWhereForActor } from "../../access/scopes";
import { getDb } from "../../db/client";
import { authorize } from "../audit/authorize";
import { recordAudit } from "../audit/record-audit";
import { visibleMentionTargets } from "./mention-writes";
import { findMentionable } from "./mentionable-sql";
import { listMentionableSchema, type ListMentionableInput, type MentionableUser } from "./schemas";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";

/**
 * Whom the actor may @mention on a thread they can open (GET /api/v1/threads/{id}/mentionable):
 * name, role and team of each — nothing about the member. The composer asks once per
 * thread and filters as the user types; `q` narrows on the server for API clients.
 * Audited: the list shows which teams serve the member.
 */
export async function listMentionable(actor: Actor, threadId: string, input: ListMentionableInput = {}): Promise<{ items: MentionableUser[]; nextCursor: null }> {
  await authorize(actor, "collaborator.add", { recordType: "thread", recordId: threadId }, { denyAs: "NOT_FOUND" });
  const { q, limit } = listMentionableSchema.parse(input);
  const db = await getDb();
  const id = parseRecordId(threadId);
  if (!id) throw await recordNotFound(db, actor, { action: "collaborator.mentionable", recordType: "thread", recordId: threadId });

  // In parallel; the names are used only if the scoped thread read succeeds.
  const [thread, rows] = await Promise.all([
    db.thread.findFirst({ where: { AND: [{ id }, threadWhereForActor(actor)] }, select: { id: true, memberId: true, teamId: true } }),
    findMentionable(db, { actorId: actor.userId, actorTeamIds: actor.teamIds, threadId: id, q, limit }),
  ]);
  if (!thread) throw await recordNotFound(db, actor, { action: "collaborator.mentionable", recordType: "thread", recordId: id });
  const offered = visibleMentionTargets(actor, thread, rows);

  await recordAudit(db, actor, { action: "collaborator.mentionable", memberId: thread.memberId, recordType: "thread", recordId: id, details: { count: offered.length } });
  return {
    items: offered.map((r) => ({ id: r.id, name: r.name, role: r.role, team: { id: r.teamId, name: r.teamName } })),
    nextCursor: null,
  };
}
