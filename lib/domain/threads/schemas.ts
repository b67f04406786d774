// Input schemas of the threads area. No server-only imports: forms reuse them, and the
// server always parses again.
import { z } from "zod";
import { attachmentIdsSchema, clientMessageIdSchema, optionalBodySchema, requireBodyOrAttachments } from "../messages/schemas";
import { cursorParamSchema } from "../shared/bounds";
import { textSchema } from "../shared/text";

export const listThreadsSchema = z.strictObject({
  cursor: cursorParamSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListThreadsInput = z.input<typeof listThreadsSchema>;

export const createThreadSchema = z
  .strictObject({
    /** One line, at least one visible character, no bidi controls (lib/domain/shared/text.ts). */
    subject: textSchema({ min: 1, max: 200, minMessage: "Give the subject at least one visible character, or leave it out." }).optional(),
    body: optionalBodySchema,
    clientMessageId: clientMessageIdSchema,
    /** Open the thread on another team's channel (e.g. "My doctor"); default: the member's concierge team. */
    teamId: z.uuid().optional(),
    attachmentIds: attachmentIdsSchema,
  })
  .superRefine(requireBodyOrAttachments);
export type CreateThreadInput = z.input<typeof createThreadSchema>;

export type ThreadView = {
  id: string;
  subject: string | null;
  memberId: string;
  teamId: string | null;
  lastMessageAt: string;
  ticket: { id: string; status: string; assigneeId: string | null } | null;
};

/**
 * How the actor reaches a thread (GET /threads/{id}). Staff: through one of their teams, as a
 * collaborator, or under an emergency access that ends at `expiresAt`; members: their own.
 * The first that applies wins, in this order, so an emergency access is only reported when
 * nothing else grants the thread.
 */
export const threadAccessVias = ["member", "team", "collaborator", "emergency"] as const;
export type ThreadAccess = { via: (typeof threadAccessVias)[number]; expiresAt: string | null };
