// Views of attachments, shared by the API, the composer and the thread. No server-only
// imports: client components use these types, and the server always builds them itself.

export const attachmentStatuses = ["PENDING", "CLEAN", "INFECTED", "REJECTED", "FAILED"] as const;
export type AttachmentStatus = (typeof attachmentStatuses)[number];

/** "photo" for images, "document" for PDFs (the tag the ticket sidebar and documents list show). */
export type DocumentType = "photo" | "document";

/**
 * GET /api/v1/attachments/{id}, and each item of a message's `attachments`.
 * `contentUrl`/`thumbnailUrl` are set only when the file is CLEAN (nothing else is served).
 */
export type AttachmentView = {
  id: string;
  /** Cleaned for display; never a storage key. */
  fileName: string;
  /** The type found in the bytes (image/jpeg, image/png, image/webp, application/pdf). */
  contentType: string | null;
  sizeBytes: number;
  status: AttachmentStatus;
  documentType: DocumentType | null;
  /** Plain words for the uploader when the file is not (yet) available; null when CLEAN. */
  statusMessage: string | null;
  width: number | null;
  height: number | null;
  threadId: string | null;
  messageId: string | null;
  createdAt: string;
  contentUrl: string | null;
  thumbnailUrl: string | null;
};
