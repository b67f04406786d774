import { apiRoute } from "@/lib/http/api-route";
import { archiveTeam } from "@/lib/domain/teams/archive-team";

export const POST = apiRoute<{ id: string }>(async (_request, actor, { id }) => Response.json(await archiveTeam(actor, id)));
