import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { authorize } from "../audit/authorize";
import { notificationWhereForActor } from "./notification-scope";
import { parseRecordId } from "../shared/record-id";

/** Marks one of the caller's notifications read (POST /notifications/{id}/read). Someone else's: 404. */
export async function markNotificationRead(actor: Actor, notificationId: string): Promise<{ id: string; read: true }> {
  await authorize(actor, "notification.read", { recordType: "notification", recordId: notificationId }, { denyAs: "NOT_FOUND" });
  const id = parseRecordId(notificationId);
  if (!id) throw new AppError("NOT_FOUND");
  const db = await getDb();
  // ⚠ The owner and scope are in the write's own where.
  const { count } = await db.notification.updateMany({ where: { AND: [{ id }, notificationWhereForActor(actor)] }, data: { readAt: new Date() } });
  if (count === 0) {
    // Already read is fine (a second click); not found is not.
    const exists = await db.notification.count({ where: { AND: [{ id }, notificationWhereForActor(actor)] } });
    if (exists === 0) throw new AppError("NOT_FOUND");
  }
  return { id, read: true };
}
