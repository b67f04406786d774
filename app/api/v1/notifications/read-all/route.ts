import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-json";
import { markAllNotificationsRead } from "@/lib/domain/notifications/mark-all-notifications-read";
import { markAllNotificationsReadSchema } from "@/lib/domain/notifications/schemas";

/** All unread notifications of the caller, or (body `{threadId}`) those about one thread. The body is optional. */
export const POST = apiRoute(async (request, actor) => {
  const hasBody = request.headers.get("content-type") !== null && request.headers.get("content-length") !== "0";
  const input = markAllNotificationsReadSchema.parse(hasBody ? await readJsonBody(request) : {});
  return Response.json(await markAllNotificationsRead(actor, input));
});
