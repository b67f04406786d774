/**
 * ⚠ SECURITY: an UNSCOPED lookup of one thread by id — the one place break-the-glass needs
 * it, because the thread is by definition outside the requester's scope. It reads only what
 * the decision needs (owner team, member id, the requester's OWN collaboration and emergency
 * rows) and never contents; its result must not be returned to the caller. Only
 * requestEmergencyAccess uses it, after the capability check.
 */
import type { Actor } from "../../access/actor";
import type { PrismaClient } from "../../db/generated/client";
import { threadAccessSelect, type ThreadAccessRow } from "../threads/thread-view";

export async function unsafeFindThreadForEmergency(db: Pick<PrismaClient, "thread">, actor: Actor, threadId: string, now: Date): Promise<(ThreadAccessRow & { id: string }) | null> {
  return db.thread.findUnique({ where: { id: threadId }, select: { id: true, ...threadAccessSelect(actor, now) } });
}
