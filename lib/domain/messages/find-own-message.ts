/**
 * Finds the message an actor already sent under a clientMessageId (the idempotency key of
 * POST /threads and POST /threads/{id}/messages), within the actor's current scope: a
 * retry returns the original only while the actor may still read it.
 */
import type { Actor } from "../../access/actor";
import { messageWhereForActor } from "../../access/scopes";
import type { PrismaClient } from "../../db/generated/client";
import { threadViewSelect } from "../threads/thread-view";
import { messageViewSelect } from "./message-view";

export async function findOwnMessage(db: PrismaClient, actor: Actor, clientMessageId: string) {
  // A cheap probe on the unique key first: on the send path the answer is almost always
  // "no", and the full load below costs several queries (Prisma loads relations apart).
  const exists = await db.message.findUnique({
    where: { authorId_clientMessageId: { authorId: actor.userId, clientMessageId } },
    select: { id: true },
  });
  if (!exists) return null;
  return loadOwnMessage(db, actor, clientMessageId);
}

/** The full load alone, for a caller that has already probed the key (send-state-sql.ts). */
export function loadOwnMessage(db: PrismaClient, actor: Actor, clientMessageId: string) {
  return db.message.findFirst({
    where: { AND: [{ authorId: actor.userId, clientMessageId }, messageWhereForActor(actor)] },
    select: { ...messageViewSelect, thread: { select: threadViewSelect } },
  });
}
