import type { Actor } from "../../access/actor";
import { threadWhereForActor } from "../../access/scopes";
import { getDb } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { authorize } from "../audit/authorize";
import { recordAudit } from "../audit/record-audit";
import { decodeCursor, encodeCursor } from "../shared/cursor";
import { listMentionsSchema, type ListMentionsInput, type MentionItem } from "./schemas";

/**
 * Threads the actor was @mentioned in (GET /api/v1/mentions), from their MENTION
 * notifications, one row per thread, newest mention first. Only threads the actor can
 * still reach: the scope filter sits in the notifications query itself, so a removed
 * collaborator's mentions disappear at once. Audited like the thread list (member ids shown).
 */
export async function listMentions(actor: Actor, input: ListMentionsInput = {}): Promise<{ items: MentionItem[]; nextCursor: string | null }> {
  await authorize(actor, "notification.read");
  const { cursor, limit } = listMentionsSchema.parse(input);
  const after = decodeCursor(cursor);
  const db = await getDb();
  const now = new Date();
  const scope = threadWhereForActor(actor, now);

  // Keyset on (newest mention, thread id), both descending.
  const having: Prisma.NotificationScalarWhereWithAggregatesInput | undefined = after
    ? { OR: [{ createdAt: { _max: { lt: after.at } } }, { AND: [{ createdAt: { _max: { equals: after.at } } }, { threadId: { lt: after.id } }] }] }
    : undefined;
  const groups = await db.notification.groupBy({
    by: ["threadId"],
    where: { userId: actor.userId, type: "MENTION", threadId: { not: null }, thread: scope },
    _max: { createdAt: true },
    _count: { _all: true },
    ...(having ? { having } : {}),
    orderBy: [{ _max: { createdAt: "desc" } }, { threadId: "desc" }],
    take: limit + 1,
  });
  const page = groups.slice(0, limit).flatMap((g) => (g.threadId && g._max.createdAt ? [{ threadId: g.threadId, at: g._max.createdAt, count: g._count._all }] : []));

  const threads = page.length === 0
    ? []
    : await db.thread.findMany({
        where: { AND: [{ id: { in: page.map((p) => p.threadId) } }, scope] },
        select: {
          id: true,
          subject: true,
          member: { select: { id: true, name: true } },
          team: { select: { id: true, name: true } },
          // The active ticket, if any, else the latest one.
          tickets: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1, select: { id: true, status: true } },
        },
      });
  const byId = new Map(threads.map((t) => [t.id, t]));
  const items: MentionItem[] = page.flatMap((p) => {
    const t = byId.get(p.threadId);
    if (!t) return [];
    return [{ threadId: t.id, subject: t.subject, member: t.member, team: t.team, ticket: t.tickets[0] ?? null, mentionedAt: p.at.toISOString(), mentionCount: p.count }];
  });

  const memberIds = [...new Set(items.map((i) => i.member.id))];
  await recordAudit(db, actor, { action: "mention.list", memberId: memberIds.length === 1 ? memberIds[0]! : null, details: { count: items.length, memberIds } });
  const last = page.at(-1);
  return { items, nextCursor: groups.length > limit && last ? encodeCursor(last.at, last.threadId) : null };
}
