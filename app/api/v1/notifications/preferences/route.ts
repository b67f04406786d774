import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-json";
import { getNotificationPreferences } from "@/lib/domain/notifications/get-notification-preferences";
import { updateNotificationPreferences } from "@/lib/domain/notifications/update-notification-preferences";
import { updateNotificationPreferencesSchema } from "@/lib/domain/notifications/schemas";

export const GET = apiRoute(async (_request, actor) => Response.json(await getNotificationPreferences(actor)));

export const PUT = apiRoute(async (request, actor) => {
  const input = updateNotificationPreferencesSchema.parse(await readJsonBody(request));
  return Response.json(await updateNotificationPreferences(actor, input));
});
