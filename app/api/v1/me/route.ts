import { apiRoute } from "@/lib/http/api-route";
import { getMe } from "@/lib/domain/users/get-me";

export const GET = apiRoute(async (_request, actor) => Response.json(await getMe(actor)));
