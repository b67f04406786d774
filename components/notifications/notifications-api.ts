"use client";

/**
 * Browser calls for the bell. The shared client (components/api/api-client.ts) has no PUT,
 * which the preferences use; errors arrive the same way (ApiError with the problem's detail).
 */
import { api, ApiError } from "@/components/api/api-client";
import type { NotificationList, NotificationPreferences } from "@/lib/domain/notifications/schemas";

/**
 * The TanStack Query keys of the bell: the realtime stream may invalidate ["notifications"] on a new event.
 * ["notifications"] is an infinite query of NotificationList pages (unreadCount, the true total, on each).
 */
export const notificationsKey = ["notifications"] as const;
export const preferencesKey = ["notifications", "preferences"] as const;

/** One page of alerts, newest first; `cursor` is the previous page's nextCursor (an infinite query, lib/api/query-keys.ts). */
export const fetchNotifications = (cursor: string | null = null) =>
  api.get<NotificationList>(`/notifications?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
export const markRead = (id: string) => api.post<{ id: string; read: true }>(`/notifications/${id}/read`, {});
export const markAllRead = (threadId?: string) => api.post<{ updated: number }>("/notifications/read-all", threadId ? { threadId } : {});
export const fetchPreferences = () => api.get<NotificationPreferences>("/notifications/preferences");

export async function savePreferences(input: Partial<NotificationPreferences>): Promise<NotificationPreferences> {
  const response = await fetch("/api/v1/notifications/preferences", {
    method: "PUT",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(input),
    credentials: "same-origin",
  }).catch(() => {
    throw new ApiError(0, "You appear to be offline. Check your connection and try again.");
  });
  const data = (await response.json().catch(() => null)) as (NotificationPreferences & { detail?: string }) | null;
  if (!response.ok || !data) throw new ApiError(response.status, data?.detail ?? "The settings were not saved. Try again.");
  return data;
}
