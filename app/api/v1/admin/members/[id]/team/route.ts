import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-json";
import { assignMemberTeam } from "@/lib/domain/admin/assign-member-team";
import { assignMemberTeamSchema } from "@/lib/domain/admin/schemas";

export const PUT = apiRoute<{ id: string }>(async (request, actor, { id }) => {
  const input = assignMemberTeamSchema.parse(await readJsonBody(request));
  return Response.json(await assignMemberTeam(actor, id, input));
});
