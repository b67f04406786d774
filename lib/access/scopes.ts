/**
 * ⚠ SECURITY: scope filters — which records an actor may reach (minimum necessary,
 * DESIGN.md §4). Spread into the `where` of every query, including updates and deletes.
 * A record outside scope is simply not found; callers answer NOT_FOUND, never FORBIDDEN.
 *
 *  - Members reach only their own threads.
 *  - Staff reach threads owned by their teams, threads they actively collaborate on, and
 *    threads under a running emergency access of theirs (not ended, not expired).
 *  - Everyone else (admin, compliance, unknown roles) reaches no thread at all.
 */
import type { Prisma } from "../db/generated/client";
import type { Actor } from "./actor";
import { isStaffRole } from "./roles";

/** A filter that matches no row: the closed default. */
const nothing = { id: { in: [] as string[] } };

export function threadWhereForActor(actor: Actor, now: Date = new Date()): Prisma.ThreadWhereInput {
  if (actor.role === "MEMBER") return { memberId: actor.userId };
  if (!isStaffRole(actor.role)) return nothing;
  return {
    OR: [
      { teamId: { in: [...actor.teamIds] } },
      { collaborators: { some: { userId: actor.userId, removedAt: null } } },
      { emergencies: { some: { userId: actor.userId, endedAt: null, expiresAt: { gt: now } } } },
    ],
  };
}

/**
 * Tickets follow their thread: a ticket is reachable exactly when its thread is, so ticket
 * and thread visibility can never disagree (e.g. after a queue transfer).
 */
export function ticketWhereForActor(actor: Actor, now: Date = new Date()): Prisma.TicketWhereInput {
  if (!isStaffRole(actor.role)) return nothing;
  return { thread: threadWhereForActor(actor, now) };
}

/** Messages: the thread must be in scope, and members never reach internal notes. */
export function messageWhereForActor(actor: Actor, now: Date = new Date()): Prisma.MessageWhereInput {
  const inScope = { thread: threadWhereForActor(actor, now) };
  if (actor.role === "MEMBER") return { ...inScope, visibility: "MEMBER" };
  return inScope;
}

/** Member records (context panel): staff reach members whose threads they may open, or who belong to their teams. */
export function memberWhereForActor(actor: Actor, now: Date = new Date()): Prisma.UserWhereInput {
  if (actor.role === "MEMBER") return { id: actor.userId, role: "MEMBER" };
  if (!isStaffRole(actor.role)) return nothing;
  return {
    role: "MEMBER",
    OR: [
      { memberProfile: { teamId: { in: [...actor.teamIds] } } },
      { threadsAsMember: { some: threadWhereForActor(actor, now) } },
    ],
  };
}
