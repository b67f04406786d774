import { apiRoute } from "@/lib/http/api-route";
import { queryParams } from "@/lib/http/query";
import { listMyAccessLog } from "@/lib/domain/audit/list-my-access-log";
import { listMyAccessLogSchema } from "@/lib/domain/audit/schemas";

/** "Who has seen my messages": staff accesses to the signed-in member's records (members only). */
export const GET = apiRoute(async (request, actor) => {
  const input = listMyAccessLogSchema.parse(queryParams(request));
  return Response.json(await listMyAccessLog(actor, input));
});
