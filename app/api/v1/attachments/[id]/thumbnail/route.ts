import { apiRoute } from "@/lib/http/api-route";
import { attachmentResponse } from "@/lib/http/attachment-response";
import { readAttachmentContent } from "@/lib/domain/attachments/read-attachment-content";

export const GET = apiRoute<{ id: string }>(async (_request, actor, { id }) => attachmentResponse(await readAttachmentContent(actor, id, "thumbnail"), { download: false }));
