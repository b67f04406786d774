import { apiRoute } from "@/lib/http/api-route";
import { deactivateUser } from "@/lib/domain/admin/deactivate-user";

export const POST = apiRoute<{ id: string }>(async (_request, actor, { id }) => Response.json(await deactivateUser(actor, id)));
