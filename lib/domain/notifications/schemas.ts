// Input schemas and views of in-app notifications. No server-only imports.
import { z } from "zod";
import { cursorParamSchema } from "../shared/bounds";

export const notificationTypes = ["NEW_TICKET", "MEMBER_REPLY", "STAFF_REPLY", "MENTION", "ASSIGNED", "SLA_BREACH", "ATTACHMENT_INFECTED"] as const;
export type NotificationTypeName = (typeof notificationTypes)[number];

export const listNotificationsSchema = z.strictObject({
  /** `true`: unread only. */
  unread: z.enum(["true", "false"]).default("false"),
  cursor: cursorParamSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListNotificationsInput = z.input<typeof listNotificationsSchema>;

export const markAllNotificationsReadSchema = z.strictObject({
  /** Only the notifications about this thread (opening a thread marks them read). */
  threadId: z.uuid().optional(),
});
export type MarkAllNotificationsReadInput = z.input<typeof markAllNotificationsReadSchema>;

export const notificationPreferencesSchema = z.strictObject({
  emailEnabled: z.boolean(),
  soundEnabled: z.boolean(),
  desktopEnabled: z.boolean(),
});
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;
export const updateNotificationPreferencesSchema = notificationPreferencesSchema.partial().refine((v) => Object.values(v).some((x) => x !== undefined), "Change at least one setting.");
export type UpdateNotificationPreferencesInput = z.input<typeof updateNotificationPreferencesSchema>;

/**
 * One notification: what happened and where, never who or what was written. `href` is the
 * thread in the caller's own face.
 */
export type NotificationView = {
  id: string;
  type: NotificationTypeName;
  threadId: string | null;
  ticketId: string | null;
  href: string | null;
  read: boolean;
  createdAt: string;
};

export type NotificationList = { items: NotificationView[]; nextCursor: string | null; unreadCount: number };

export const notificationLabels: Record<NotificationTypeName, string> = {
  NEW_TICKET: "New conversation in your team's queue",
  MEMBER_REPLY: "A member replied",
  STAFF_REPLY: "New reply from your care team",
  MENTION: "You were mentioned",
  ASSIGNED: "A ticket was assigned to you",
  SLA_BREACH: "Response target missed",
  ATTACHMENT_INFECTED: "A file was blocked by the virus scan",
};
