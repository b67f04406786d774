import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { auditRowData } from "../audit/audit-row-data";
import { authorize } from "../audit/authorize";
import { updateNotificationPreferencesSchema, type NotificationPreferences, type UpdateNotificationPreferencesInput } from "./schemas";

const select = { emailEnabled: true, soundEnabled: true, desktopEnabled: true } as const;

/** Changes the caller's own alert settings (PUT /notifications/preferences). Audited: it changes what leaves by email. */
export async function updateNotificationPreferences(actor: Actor, input: UpdateNotificationPreferencesInput): Promise<NotificationPreferences> {
  await authorize(actor, "notification.read");
  const q = updateNotificationPreferencesSchema.parse(input);
  const db = await getDb();
  const set = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as Partial<NotificationPreferences>;
  const [row] = await db.$transaction([
    db.notificationPreference.upsert({ where: { userId: actor.userId }, create: { userId: actor.userId, ...set }, update: set, select }),
    db.auditLog.create({ data: auditRowData(actor, { action: "notification.preferences.update", recordType: "user", recordId: actor.userId, details: set }), select: { id: true } }),
  ]);
  return row;
}
