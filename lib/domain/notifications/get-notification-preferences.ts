import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { authorize } from "../audit/authorize";
import type { NotificationPreferences } from "./schemas";

/** The caller's alert settings; defaults (email on, sound and desktop off) until they change one. */
export async function getNotificationPreferences(actor: Actor): Promise<NotificationPreferences> {
  await authorize(actor, "notification.read");
  const db = await getDb();
  const row = await db.notificationPreference.findUnique({
    where: { userId: actor.userId },
    select: { emailEnabled: true, soundEnabled: true, desktopEnabled: true },
  });
  return row ?? { emailEnabled: true, soundEnabled: false, desktopEnabled: false };
}
