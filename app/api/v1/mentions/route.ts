import { apiRoute } from "@/lib/http/api-route";
import { queryParams } from "@/lib/http/query";
import { listMentions } from "@/lib/domain/collaborators/list-mentions";
import { listMentionsSchema } from "@/lib/domain/collaborators/schemas";

/** Threads the caller was @mentioned in and can still open, newest mention first. */
export const GET = apiRoute(async (request, actor) => {
  const input = listMentionsSchema.parse(queryParams(request));
  return Response.json(await listMentions(actor, input));
});
