/** The one projection of an attachment row into its public shape (AttachmentView). */
import type { Prisma } from "../../db/generated/client";
import type { AttachmentStatus, AttachmentView, DocumentType } from "./schemas";

export const attachmentViewSelect = {
  id: true,
  displayName: true,
  detectedType: true,
  sizeBytes: true,
  status: true,
  documentType: true,
  rejectReason: true,
  scanAttempts: true,
  width: true,
  height: true,
  threadId: true,
  messageId: true,
  createdAt: true,
  thumbnailKey: true,
} as const satisfies Prisma.AttachmentSelect;

export type AttachmentRow = Prisma.AttachmentGetPayload<{ select: typeof attachmentViewSelect }>;

export const infectedMessage = "A virus was found in this file, so it was removed. Nobody can open it.";
export const scanDelayedMessage = "The virus check is taking longer than usual. The file becomes available as soon as it has been checked.";
export const scanFailedMessage = "This file could not be checked for viruses. Please send it again.";

function statusMessage(row: AttachmentRow): string | null {
  switch (row.status) {
    case "CLEAN":
      return null;
    case "PENDING":
      // A first scan is quick; a message only once a retry is under way (scanner down or slow).
      return row.scanAttempts > 0 ? scanDelayedMessage : null;
    case "INFECTED":
      return infectedMessage;
    case "REJECTED":
      return row.rejectReason ?? "This file was refused.";
    default:
      return row.rejectReason ?? scanFailedMessage;
  }
}

const documentTypes = new Set<string>(["photo", "document"]);

export function toAttachmentView(row: AttachmentRow): AttachmentView {
  const clean = row.status === "CLEAN";
  const base = `/api/v1/attachments/${row.id}`;
  return {
    id: row.id,
    fileName: row.displayName,
    contentType: row.detectedType,
    sizeBytes: row.sizeBytes,
    status: row.status as AttachmentStatus,
    documentType: row.documentType && documentTypes.has(row.documentType) ? (row.documentType as DocumentType) : null,
    statusMessage: statusMessage(row),
    width: row.width,
    height: row.height,
    threadId: row.threadId,
    messageId: row.messageId,
    createdAt: row.createdAt.toISOString(),
    // ⚠ Nothing but a CLEAN file is ever linked (and the content route checks again).
    contentUrl: clean ? `${base}/content` : null,
    thumbnailUrl: clean && row.thumbnailKey ? `${base}/thumbnail` : null,
  };
}
