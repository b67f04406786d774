/** The one projection of a message row into its public shape (GET /threads/{id}/messages). */
import type { Prisma } from "../../db/generated/client";
import { attachmentViewSelect, toAttachmentView } from "../attachments/attachment-view";
import type { MessageView } from "./schemas";

export const messageViewSelect = {
  id: true,
  threadId: true,
  body: true,
  visibility: true,
  createdAt: true,
  clientMessageId: true,
  author: { select: { id: true, name: true, role: true } },
  // The message's files, in the order they were uploaded. An attachment follows its message's
  // visibility, so whoever may read the message may see them listed.
  attachments: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: attachmentViewSelect },
} as const satisfies Prisma.MessageSelect;

export type MessageRow = Prisma.MessageGetPayload<{ select: typeof messageViewSelect }>;

export function toMessageView(row: MessageRow): MessageView {
  return {
    id: row.id,
    threadId: row.threadId,
    body: row.body,
    // Anything but MEMBER reads as internal: an unknown visibility must never look member-visible.
    visibility: row.visibility === "MEMBER" ? "member" : "internal",
    author: row.author,
    createdAt: row.createdAt.toISOString(),
    clientMessageId: row.clientMessageId,
    attachments: row.attachments.map(toAttachmentView),
  };
}
