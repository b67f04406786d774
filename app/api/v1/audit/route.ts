import { apiRoute } from "@/lib/http/api-route";
import { listAuditEvents } from "@/lib/domain/audit/list-audit-events";

export const GET = apiRoute(async (request, actor) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const { items } = await listAuditEvents(actor, params);
  return Response.json({ items, nextCursor: null });
});
