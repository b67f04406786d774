import { apiRoute } from "@/lib/http/api-route";
import { getAttachment } from "@/lib/domain/attachments/get-attachment";

export const GET = apiRoute<{ id: string }>(async (_request, actor, { id }) => Response.json(await getAttachment(actor, id)));
