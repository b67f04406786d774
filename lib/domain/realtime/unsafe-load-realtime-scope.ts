/**
 * ⚠ SECURITY: the receiver's scope for realtime filtering (lib/realtime/routing.ts): the
 * same three ways in as threadWhereForActor (lib/access/scopes.ts) — teams, active
 * collaborations, unexpired emergency accesses — loaded once per connection and refreshed
 * on a short timer and on events that change it, instead of one query per event.
 * `unsafe` because it reads collaborations and emergencies without a scope: it is what
 * builds the scope, for an actor that lib/auth has just verified.
 */
import type { Actor } from "../../access/actor";
import { isStaffRole } from "../../access/roles";
import { getDb } from "../../db/client";
import type { RealtimeScope } from "../../realtime/routing";

export async function unsafeLoadRealtimeScope(actor: Actor, now: Date = new Date()): Promise<RealtimeScope> {
  const base = { userId: actor.userId, role: actor.role, teamIds: new Set(actor.teamIds) };
  if (!isStaffRole(actor.role)) return { ...base, collaborations: new Set(), emergencies: new Map() };
  const db = await getDb();
  const [collaborations, emergencies] = await Promise.all([
    db.threadCollaborator.findMany({ where: { userId: actor.userId, removedAt: null }, select: { threadId: true } }),
    db.emergencyAccess.findMany({ where: { userId: actor.userId, endedAt: null, expiresAt: { gt: now } }, select: { threadId: true, expiresAt: true } }),
  ]);
  const ends = new Map<string, number>();
  for (const e of emergencies) ends.set(e.threadId, Math.max(ends.get(e.threadId) ?? 0, e.expiresAt.getTime()));
  return { ...base, collaborations: new Set(collaborations.map((c) => c.threadId)), emergencies: ends };
}
