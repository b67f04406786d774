import { apiRoute } from "@/lib/http/api-route";
import { removeCollaborator } from "@/lib/domain/collaborators/remove-collaborator";

/** Ends the person's collaboration (staff of the owning team): 204; their access ends at once. */
export const DELETE = apiRoute<{ id: string; userId: string }>(async (_request, actor, { id, userId }) => {
  await removeCollaborator(actor, id, userId);
  return new Response(null, { status: 204 });
});
