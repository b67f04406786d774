import type { Actor } from "../../access/actor";
import { isStaffRole } from "../../access/roles";
import { getDb } from "../../db/client";
import { authorize } from "../audit/authorize";
import { decodeCursor, encodeCursor } from "../shared/cursor";
import { notificationWhereForActor } from "./notification-scope";
import { listNotificationsSchema, type ListNotificationsInput, type NotificationList, type NotificationView } from "./schemas";

/**
 * The caller's notifications, newest first, with the unread count (GET /api/v1/notifications).
 * Types and ids only — no names, subjects or text — so the list is not a PHI read and is not
 * audited; opening the thread it links to is.
 */
export async function listNotifications(actor: Actor, input: ListNotificationsInput = {}): Promise<NotificationList> {
  await authorize(actor, "notification.read");
  const q = listNotificationsSchema.parse(input);
  const after = decodeCursor(q.cursor);
  const db = await getDb();
  const scope = notificationWhereForActor(actor);
  const [rows, unreadCount] = await Promise.all([
    db.notification.findMany({
      where: {
        AND: [
          scope,
          q.unread === "true" ? { readAt: null } : {},
          after ? { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] } : {},
        ],
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: q.limit + 1,
      select: { id: true, type: true, threadId: true, ticketId: true, readAt: true, createdAt: true },
    }),
    db.notification.count({ where: { AND: [scope, { readAt: null }] } }),
  ]);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const base = isStaffRole(actor.role) ? "/console/threads" : "/messages";
  const items: NotificationView[] = page.map((n) => ({
    id: n.id,
    type: n.type,
    threadId: n.threadId,
    ticketId: n.ticketId,
    href: n.threadId ? `${base}/${n.threadId}` : null,
    read: n.readAt !== null,
    createdAt: n.createdAt.toISOString(),
  }));
  return { items, nextCursor: rows.length > q.limit && last ? encodeCursor(last.createdAt, last.id) : null, unreadCount };
}
