import { apiRoute } from "@/lib/http/api-route";
import { getThread } from "@/lib/domain/threads/get-thread";

// Path ids go to the domain as they are: a malformed id is NOT_FOUND there, audited as a
// denied attempt like any id out of scope.
export const GET = apiRoute<{ id: string }>(async (_request, actor, { id }) => Response.json(await getThread(actor, id)));
