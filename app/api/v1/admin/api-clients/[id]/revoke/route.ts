import { apiRoute } from "@/lib/http/api-route";
import { revokeApiClient } from "@/lib/domain/admin/revoke-api-client";

export const POST = apiRoute<{ id: string }>(async (_request, actor, { id }) => Response.json(await revokeApiClient(actor, id)));
