import { apiRoute } from "@/lib/http/api-route";
import { queryParams } from "@/lib/http/query";
import { listNotifications } from "@/lib/domain/notifications/list-notifications";
import { listNotificationsSchema } from "@/lib/domain/notifications/schemas";

/** The caller's notifications, newest first, with the unread count. */
export const GET = apiRoute(async (request, actor) => {
  const input = listNotificationsSchema.parse(queryParams(request));
  return Response.json(await listNotifications(actor, input));
});
