import { apiRoute } from "@/lib/http/api-route";
import { reactivateUser } from "@/lib/domain/admin/reactivate-user";

export const POST = apiRoute<{ id: string }>(async (_request, actor, { id }) => Response.json(await reactivateUser(actor, id)));
