import { z } from "zod";
import type { Actor } from "../../access/actor";
import { assertCan } from "../../access/assert-can";
import { threadWhereForActor } from "../../access/scopes";
import { getDb } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { recordAudit } from "../audit/record-audit";
import { decodeCursor, encodeCursor } from "../shared/cursor";

export const listThreadsSchema = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListThreadsInput = z.input<typeof listThreadsSchema>;

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
  assertCan(actor, "thread.list");
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

  await recordAudit(db, actor, { action: "thread.list", details: { count: page.length } });

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
