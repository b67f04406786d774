import { apiRoute } from "@/lib/http/api-route";
import { queryParams } from "@/lib/http/query";
import { listEmergencyAccesses } from "@/lib/domain/emergency-access/list-emergency-accesses";
import { listEmergencyAccessesSchema } from "@/lib/domain/emergency-access/schemas";

/** Compliance: emergency accesses to review (`status=unreviewed`, the default) or all of them. */
export const GET = apiRoute(async (request, actor) => {
  const input = listEmergencyAccessesSchema.parse(queryParams(request));
  return Response.json(await listEmergencyAccesses(actor, input));
});
