import { apiRoute } from "@/lib/http/api-route";
import { attachmentResponse } from "@/lib/http/attachment-response";
import { readAttachmentContent } from "@/lib/domain/attachments/read-attachment-content";

/** The file itself, only when CLEAN and permitted; `?download=1` asks the browser to save it. */
export const GET = apiRoute<{ id: string }>(async (request, actor, { id }) => {
  const download = new URL(request.url).searchParams.get("download") === "1";
  return attachmentResponse(await readAttachmentContent(actor, id, "original"), { download });
});
