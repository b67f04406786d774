import { apiRoute } from "@/lib/http/api-route";
import { queryParams } from "@/lib/http/query";
import { listAuditEvents } from "@/lib/domain/audit/list-audit-events";
import { listAuditEventsSchema } from "@/lib/domain/audit/schemas";

export const GET = apiRoute(async (request, actor) => {
  const input = listAuditEventsSchema.parse(queryParams(request));
  return Response.json(await listAuditEvents(actor, input));
});
