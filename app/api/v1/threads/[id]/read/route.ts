import { apiRoute } from "@/lib/http/api-route";
import { getThreadSeen } from "@/lib/domain/realtime/get-thread-seen";

// GET /api/v1/threads/{id}/read — `{seenAt}`: up to when the care team has read the thread
// ("Seen" under the member's last message). Staff reading the newest messages moves it.
export const GET = apiRoute<{ id: string }>(async (_request, actor, { id }) => Response.json(await getThreadSeen(actor, id)));
