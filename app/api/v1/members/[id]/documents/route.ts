import { apiRoute } from "@/lib/http/api-route";
import { listMemberDocuments } from "@/lib/domain/attachments/list-member-documents";

export const GET = apiRoute<{ id: string }>(async (_request, actor, { id }) => Response.json(await listMemberDocuments(actor, id)));
