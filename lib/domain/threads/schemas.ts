// Input schemas of the threads area. No server-only imports: forms reuse them, and the
// server always parses again.
import { z } from "zod";
import { attachmentIdsSchema, optionalBodySchema, requireBodyOrAttachments } from "../messages/schemas";

export const listThreadsSchema = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListThreadsInput = z.input<typeof listThreadsSchema>;

export const createThreadSchema = z
  .strictObject({
    subject: z.string().trim().min(1).max(200).optional(),
    body: optionalBodySchema,
    clientMessageId: z.string().trim().min(8).max(100).regex(/^[A-Za-z0-9_-]+$/),
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
