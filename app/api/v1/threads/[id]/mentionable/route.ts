import { apiRoute } from "@/lib/http/api-route";
import { queryParams } from "@/lib/http/query";
import { listMentionable } from "@/lib/domain/collaborators/list-mentionable";
import { listMentionableSchema } from "@/lib/domain/collaborators/schemas";

/** Staff the caller may @mention on this thread (the composer's list); `q` filters by name. */
export const GET = apiRoute<{ id: string }>(async (request, actor, { id }) => {
  const input = listMentionableSchema.parse(queryParams(request));
  return Response.json(await listMentionable(actor, id, input));
});
