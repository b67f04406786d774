/**
 * ⚠ SECURITY: which attachments an actor may reach. An attachment follows its message: it
 * is reachable exactly when the message is (messageWhereForActor — so a member never
 * reaches a file on an internal note). Before it is sent, only its uploader reaches it.
 */
import type { Actor } from "../../access/actor";
import { messageWhereForActor } from "../../access/scopes";
import type { Prisma } from "../../db/generated/client";

export function attachmentWhereForActor(actor: Actor, now: Date = new Date()): Prisma.AttachmentWhereInput {
  return {
    OR: [{ uploaderId: actor.userId, messageId: null }, { message: messageWhereForActor(actor, now) }],
  };
}
