import { apiRoute } from "@/lib/http/api-route";
import { addTeamMembership } from "@/lib/domain/admin/add-team-membership";
import { removeTeamMembership } from "@/lib/domain/admin/remove-team-membership";

type Params = { id: string; teamId: string };

export const PUT = apiRoute<Params>(async (_request, actor, { id, teamId }) => Response.json(await addTeamMembership(actor, id, teamId)));

export const DELETE = apiRoute<Params>(async (_request, actor, { id, teamId }) => Response.json(await removeTeamMembership(actor, id, teamId)));
