import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-json";
import { getAdminTeam } from "@/lib/domain/teams/get-admin-team";
import { updateTeam } from "@/lib/domain/teams/update-team";
import { updateTeamSchema } from "@/lib/domain/teams/schemas";

// Path ids go to the domain as they are: a malformed id is NOT_FOUND there, audited.

export const GET = apiRoute<{ id: string }>(async (_request, actor, { id }) => Response.json(await getAdminTeam(actor, id)));

export const PATCH = apiRoute<{ id: string }>(async (request, actor, { id }) => {
  const input = updateTeamSchema.parse(await readJsonBody(request));
  return Response.json(await updateTeam(actor, id, input));
});
