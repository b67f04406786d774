import { apiRoute } from "@/lib/http/api-route";
import { queryParams } from "@/lib/http/query";
import { readJsonBody } from "@/lib/http/read-json";
import { createTeam } from "@/lib/domain/teams/create-team";
import { listAdminTeams } from "@/lib/domain/teams/list-admin-teams";
import { createTeamSchema, listAdminTeamsSchema } from "@/lib/domain/teams/schemas";

export const GET = apiRoute(async (request, actor) => {
  const input = listAdminTeamsSchema.parse(queryParams(request));
  const { items } = await listAdminTeams(actor, input);
  return Response.json({ items, nextCursor: null });
});

export const POST = apiRoute(async (request, actor) => {
  const input = createTeamSchema.parse(await readJsonBody(request));
  return Response.json(await createTeam(actor, input), { status: 201 });
});
