import { apiRoute } from "@/lib/http/api-route";
import { listThreads } from "@/lib/domain/threads/list-threads";

export const GET = apiRoute(async (request, actor) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return Response.json(await listThreads(actor, params));
});
