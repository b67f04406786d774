import { authorize } from "../audit/authorize";
import type { Actor } from "../../access/actor";
import { threadWhereForActor } from "../../access/scopes";
import { getDb } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { recordAudit } from "../audit/record-audit";
import { decodeCursor, encodeCursor } from "../shared/cursor";
import { listThreadsSchema, type ListThreadsInput } from "./schemas";


export type ThreadSummary = {
  id: string;
  subject: string | null;
  memberId: string;
  teamId: string | null;
  lastMessageAt: string;
  ticket: { id: string; status: string; assigneeId: string | null } | null;
};

/** Threads the actor may open, newest activity first (GET /api/v1/threads). */
export async function listThreads(actor: Actor, input: ListThreadsInput = {}): Promise<{ items: ThreadSummary[]; nextCursor: string | null }> {
  await authorize(actor, "thread.list");
  const { cursor, limit } = listThreadsSchema.parse(input);
  const after = decodeCursor(cursor);
  const db = await getDb();

  const where: Prisma.ThreadWhereInput = after
    ? {
        AND: [
          threadWhereForActor(actor),
          { OR: [{ lastMessageAt: { lt: after.at } }, { lastMessageAt: after.at, id: { lt: after.id } }] },
        ],
      }
    : threadWhereForActor(actor);

  const rows = await db.thread.findMany({
    where,
    orderBy: [{ lastMessageAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true,
      subject: true,
      memberId: true,
      teamId: true,
      lastMessageAt: true,
      // The active ticket, if any (at most one is not CLOSED), else the latest one.
      tickets: { orderBy: { createdAt: "desc" }, take: 1, select: { id: true, status: true, assigneeId: true } },
    },
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);

  // Which members' conversations were shown, so each member can later see who looked.
  const memberIds = [...new Set(page.map((t) => t.memberId))];
  await recordAudit(db, actor, {
    action: "thread.list",
    memberId: memberIds.length === 1 ? memberIds[0]! : null,
    details: { count: page.length, memberIds },
  });

  return {
    items: page.map((t) => ({
      id: t.id,
      subject: t.subject,
      memberId: t.memberId,
      teamId: t.teamId,
      lastMessageAt: t.lastMessageAt.toISOString(),
      ticket: t.tickets[0] ?? null,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.lastMessageAt, last.id) : null,
  };
}
