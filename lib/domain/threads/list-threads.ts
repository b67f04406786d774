import { authorize } from "../audit/authorize";
import type { Actor } from "../../access/actor";
import { isStaffRole } from "../../access/roles";
import { threadWhereForActor } from "../../access/scopes";
import { getDb } from "../../db/client";
import type { Prisma, PrismaClient } from "../../db/generated/client";
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
  /** The start of the latest message the actor may see (never an internal note for members). */
  preview: string | null;
  /** A message the actor may see, written by someone else, is newer than their last read. */
  unread: boolean;
};

const PREVIEW_LENGTH = 120;

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
  const extras = await previewsAndUnread(db, actor, page.map((t) => t.id));

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
      preview: extras.get(t.id)?.preview ?? null,
      unread: extras.get(t.id)?.unread ?? false,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.lastMessageAt, last.id) : null,
  };
}

/**
 * Preview and unread flag for a page of threads, in one query whatever the page size.
 * (A nested `messages: { take: 1 }` would load every message of every thread, bodies
 * included, and cut in memory.)
 *
 * ⚠ SECURITY: raw SQL, so the scope is restated here: the ids come from the scoped query
 * above, and `visibilities` is the member rule of messageWhereForActor — members see
 * MEMBER messages only, staff see all, anyone else nothing.
 */
async function previewsAndUnread(db: PrismaClient, actor: Actor, threadIds: string[]): Promise<Map<string, { preview: string | null; unread: boolean }>> {
  if (threadIds.length === 0) return new Map();
  const visibilities = actor.role === "MEMBER" ? ["MEMBER"] : isStaffRole(actor.role) ? ["MEMBER", "INTERNAL"] : [];
  const rows = await db.$queryRaw<{ thread_id: string; body_start: string | null; unread: boolean }[]>`
    SELECT t.id::text AS thread_id,
           latest.body_start,
           EXISTS (
             SELECT 1 FROM messages m
             WHERE m.thread_id = t.id
               AND m.visibility::text = ANY(${visibilities}::text[])
               AND m.author_id <> ${actor.userId}::uuid
               AND m.created_at > COALESCE(rs.last_read_at, '-infinity'::timestamptz)
           ) AS unread
    FROM unnest(${threadIds}::uuid[]) AS t(id)
    LEFT JOIN thread_read_states rs ON rs.thread_id = t.id AND rs.user_id = ${actor.userId}::uuid
    LEFT JOIN LATERAL (
      SELECT left(m.body, ${PREVIEW_LENGTH * 2}) AS body_start
      FROM messages m
      WHERE m.thread_id = t.id AND m.visibility::text = ANY(${visibilities}::text[])
      ORDER BY m.created_at DESC, m.id DESC
      LIMIT 1
    ) latest ON true`;
  return new Map(rows.map((r) => [r.thread_id, { preview: r.body_start === null ? null : toPreview(r.body_start), unread: r.unread }]));
}

function toPreview(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= PREVIEW_LENGTH ? flat : `${flat.slice(0, PREVIEW_LENGTH - 1).trimEnd()}…`;
}
