import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-json";
import { getTeamSla } from "@/lib/domain/sla/get-team-sla";
import { updateTeamSla } from "@/lib/domain/sla/update-team-sla";
import { updateTeamSlaSchema } from "@/lib/domain/sla/schemas";

// Path ids go to the domain as they are: a malformed id is NOT_FOUND there, audited.

export const GET = apiRoute<{ id: string }>(async (_request, actor, { id }) => Response.json(await getTeamSla(actor, id)));

/** Replaces the team's response targets (a priority left out has none). */
export const PUT = apiRoute<{ id: string }>(async (request, actor, { id }) => {
  const input = updateTeamSlaSchema.parse(await readJsonBody(request));
  return Response.json(await updateTeamSla(actor, id, input));
});
