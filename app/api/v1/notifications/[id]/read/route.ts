import { apiRoute } from "@/lib/http/api-route";
import { markNotificationRead } from "@/lib/domain/notifications/mark-notification-read";

// The id goes to the domain as it is: a malformed or someone else's id is NOT_FOUND there.
export const POST = apiRoute<{ id: string }>(async (_request, actor, { id }) => Response.json(await markNotificationRead(actor, id)));
