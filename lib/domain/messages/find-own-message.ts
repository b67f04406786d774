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
  return db.message.findFirst({
    where: { AND: [{ authorId: actor.userId, clientMessageId }, messageWhereForActor(actor)] },
    select: { ...messageViewSelect, thread: { select: threadViewSelect } },
  });
}
