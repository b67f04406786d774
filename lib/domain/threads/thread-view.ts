/** The one projection of a thread row into ThreadView (GET /threads/{id}, POST /threads). */
import type { Actor } from "../../access/actor";
import { isStaffRole } from "../../access/roles";
import type { Prisma } from "../../db/generated/client";
import type { ThreadAccess, ThreadView } from "./schemas";

export const threadViewSelect = {
  id: true,
  subject: true,
  memberId: true,
  teamId: true,
  lastMessageAt: true,
  // The active ticket if there is one (at most one is not CLOSED), else the latest.
  tickets: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1, select: { id: true, status: true, assigneeId: true } },
} as const satisfies Prisma.ThreadSelect;

export type ThreadRow = Prisma.ThreadGetPayload<{ select: typeof threadViewSelect }>;

export function toThreadView(row: ThreadRow): ThreadView {
  return {
    id: row.id,
    subject: row.subject,
    memberId: row.memberId,
    teamId: row.teamId,
    lastMessageAt: row.lastMessageAt.toISOString(),
    ticket: row.tickets[0] ?? null,
  };
}

/**
 * The actor's own ways into a thread, for `access`: their active collaboration and their
 * latest unexpired emergency access. Only the actor's rows, never anyone else's.
 */
export function threadAccessSelect(actor: Actor, now: Date) {
  return {
    teamId: true,
    memberId: true,
    collaborators: { where: { userId: actor.userId, removedAt: null }, select: { id: true }, take: 1 },
    emergencies: { where: { userId: actor.userId, endedAt: null, expiresAt: { gt: now } }, orderBy: { expiresAt: "desc" }, select: { expiresAt: true }, take: 1 },
  } as const satisfies Prisma.ThreadSelect;
}

export type ThreadAccessRow = Prisma.ThreadGetPayload<{ select: ReturnType<typeof threadAccessSelect> }>;

/**
 * How the actor reaches the thread, or null when nothing grants it. Mirrors the scope filter
 * (lib/access/scopes.ts) with the same `now`, so it never disagrees with what was found.
 */
export function toThreadAccess(actor: Actor, row: ThreadAccessRow): ThreadAccess | null {
  if (actor.role === "MEMBER") return row.memberId === actor.userId ? { via: "member", expiresAt: null } : null;
  if (!isStaffRole(actor.role)) return null;
  if (row.teamId !== null && actor.teamIds.includes(row.teamId)) return { via: "team", expiresAt: null };
  if (row.collaborators.length > 0) return { via: "collaborator", expiresAt: null };
  const emergency = row.emergencies[0];
  return emergency ? { via: "emergency", expiresAt: emergency.expiresAt.toISOString() } : null;
}
