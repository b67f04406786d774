// Input schemas and views of messages. No server-only imports: the composer reuses them,
// and the server always parses again.
import { z } from "zod";
import type { AttachmentView } from "../attachments/schemas";
import { cursorParamSchema } from "../shared/bounds";
import { textSchema, tokenSchema } from "../shared/text";
import { ticketStatusSchema } from "../tickets/schemas";

/**
 * 1–10,000 characters after trimming; at least one visible (lib/domain/shared/text.ts: no NUL
 * or control characters but line breaks and tabs; bidi controls are allowed in free text).
 */
export const messageBodySchema = textSchema({
  min: 1,
  max: 10_000,
  multiline: true,
  allowBidi: true,
  minMessage: "Write a message first.",
  maxMessage: "Messages are limited to 10,000 characters.",
});

/** Client-generated idempotency key (a UUID in our clients). */
export const clientMessageIdSchema = tokenSchema({ min: 8, max: 100 });

export const visibilitySchema = z.enum(["member", "internal"]);
export type Visibility = z.infer<typeof visibilitySchema>;

/** Uploads (POST /attachments) sent with the message; the domain applies the per-message limit. */
export const attachmentIdsSchema = z.array(z.guid()).max(50).default([]);

/**
 * Staff @mentioned in an internal note (user ids): each becomes a collaborator on the
 * thread and is notified (docs/collaboration.md). Repeats count once.
 */
export const mentionsSchema = z
  .array(z.guid())
  .max(10, "Mention at most 10 people in one note.")
  .default([])
  .describe(
    "Internal notes only (staff): user ids of colleagues @mentioned, from GET /threads/{id}/mentionable. Each is notified and, unless their team " +
      "owns the thread, becomes a collaborator on it. Anyone else answers 422; members may not mention (403).",
  )
  .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]);

/**
 * The body may be empty only when files are attached (a photo on its own is a message).
 * Used by both send schemas.
 */
export function requireBodyOrAttachments(value: { body: string; attachmentIds: string[] }, ctx: z.RefinementCtx): void {
  if (value.body.length === 0 && value.attachmentIds.length === 0) ctx.addIssue({ code: "custom", path: ["body"], message: "Write a message first." });
}

/** Like messageBodySchema, but empty is allowed here; requireBodyOrAttachments decides. */
export const optionalBodySchema = textSchema({ max: 10_000, multiline: true, allowBidi: true, maxMessage: "Messages are limited to 10,000 characters." }).default("");

export const sendMessageSchema = z
  .strictObject({
    body: optionalBodySchema,
    clientMessageId: clientMessageIdSchema,
    visibility: visibilitySchema.default("member"),
    /** The state the ticket should take after a staff reply (default: NEW/OPEN → PENDING). */
    ticketStatus: ticketStatusSchema.optional(),
    attachmentIds: attachmentIdsSchema,
    mentions: mentionsSchema,
  })
  .superRefine(requireBodyOrAttachments);
export type SendMessageInput = z.input<typeof sendMessageSchema>;

/**
 * A page of a thread, newest first (lib/domain/messages/list-messages.ts): `before` is the
 * previous page's nextCursor; `cursor` means the same (the generic list parameter).
 */
export const listMessagesSchema = z
  .strictObject({
    before: cursorParamSchema.optional().describe("The `nextCursor` of the previous (newer) page: the page of messages just older than it."),
    cursor: cursorParamSchema.optional().describe("The same as `before` (the generic list parameter); give one of the two."),
    limit: z.coerce.number().int().min(1).max(200).default(100).describe("Messages per page."),
  })
  .refine((q) => q.before === undefined || q.cursor === undefined, { message: "Give before or cursor, not both.", path: ["cursor"] });
export type ListMessagesInput = z.input<typeof listMessagesSchema>;

export type MessageView = {
  id: string;
  threadId: string;
  body: string;
  visibility: Visibility;
  author: { id: string; name: string; role: string };
  createdAt: string;
  clientMessageId: string;
  attachments: AttachmentView[];
};
