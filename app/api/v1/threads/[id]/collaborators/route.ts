import { apiRoute } from "@/lib/http/api-route";
import { listCollaborators } from "@/lib/domain/collaborators/list-collaborators";

/** Active collaborators of the thread, with `canRemove` for the caller. */
export const GET = apiRoute<{ id: string }>(async (_request, actor, { id }) => {
  return Response.json(await listCollaborators(actor, id));
});
