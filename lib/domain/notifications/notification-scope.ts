/**
 * ⚠ SECURITY: the notifications an actor may see — their own, and of those about a thread
 * only while they can still open the thread (a collaborator removed, an emergency access
 * expired: the alert disappears with the access).
 */
import type { Actor } from "../../access/actor";
import { threadWhereForActor } from "../../access/scopes";
import type { Prisma } from "../../db/generated/client";

export function notificationWhereForActor(actor: Actor, now: Date = new Date()): Prisma.NotificationWhereInput {
  return { userId: actor.userId, OR: [{ threadId: null }, { thread: threadWhereForActor(actor, now) }] };
}
