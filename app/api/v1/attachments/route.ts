import { after } from "next/server";
import { apiRoute } from "@/lib/http/api-route";
import { readUploadedFile } from "@/lib/http/read-upload";
import { admitUpload } from "@/lib/domain/attachments/admit-upload";
import { attachmentLimits, tooLargeMessage } from "@/lib/domain/attachments/attachment-limits";
import { uploadAttachment } from "@/lib/domain/attachments/upload-attachment";
import { runQueuedJobNow } from "@/lib/domain/jobs/job-worker";

/**
 * 201 with the attachment, usually PENDING: the virus scan runs right after the answer is
 * sent (and is retried by the job worker if the scanner is down). Poll GET /attachments/{id}.
 */
export const POST = apiRoute(async (request, actor) => {
  // Before the body is read: permission, rate and the cap on unsent uploads.
  await admitUpload(actor);
  const { maxBytes } = attachmentLimits();
  const file = await readUploadedFile(request, maxBytes, tooLargeMessage(maxBytes));
  const { attachment, scanJobId } = await uploadAttachment(actor, file);
  after(() => runQueuedJobNow(scanJobId));
  return Response.json(attachment, { status: 201 });
});
