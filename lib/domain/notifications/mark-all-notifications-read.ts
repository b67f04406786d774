import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { authorize } from "../audit/authorize";
import { notificationWhereForActor } from "./notification-scope";
import { markAllNotificationsReadSchema, type MarkAllNotificationsReadInput } from "./schemas";

/**
 * Marks the caller's unread notifications read (POST /notifications/read-all): all of them,
 * or those about one thread (the bell does this when the thread is opened).
 */
export async function markAllNotificationsRead(actor: Actor, input: MarkAllNotificationsReadInput = {}): Promise<{ updated: number }> {
  await authorize(actor, "notification.read");
  const q = markAllNotificationsReadSchema.parse(input);
  const db = await getDb();
  const { count } = await db.notification.updateMany({
    where: { AND: [notificationWhereForActor(actor), { readAt: null }, q.threadId ? { threadId: q.threadId.toLowerCase() } : {}] },
    data: { readAt: new Date() },
  });
  return { updated: count };
}
