import { apiRoute } from "@/lib/http/api-route";
import { restoreTeam } from "@/lib/domain/teams/restore-team";

export const POST = apiRoute<{ id: string }>(async (_request, actor, { id }) => Response.json(await restoreTeam(actor, id)));
