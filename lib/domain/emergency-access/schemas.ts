// Input schemas and views of the emergency-access area (break-the-glass). No server-only
// imports: the console form and the review page reuse them; the server always parses again.
import { z } from "zod";
import { cursorParamSchema } from "../shared/bounds";
import { textSchema } from "../shared/text";

const reasonMessage = "Say why you need this conversation now.";

/** POST /threads/{id}/emergency-access: the requester's own justification, kept for review. */
export const requestEmergencyAccessSchema = z.strictObject({
  // ⚠ 15 VISIBLE characters (lib/domain/shared/text.ts): zero-width or other invisible text
  // is no reason; no NUL, control or bidi characters that could disguise it for the reviewer.
  reason: textSchema({ min: 15, max: 500, multiline: true, minMessage: reasonMessage, maxMessage: "Keep the reason to 500 characters." }).describe(
    "Why the caller needs this conversation now: 15–500 characters after trimming, at least 15 of them visible (zero-width and other format characters do not count). Kept for the compliance review.",
  ),
});
export type RequestEmergencyAccessInput = z.input<typeof requestEmergencyAccessSchema>;

export const emergencyAccessStatuses = ["unreviewed", "all"] as const;

/** GET /emergency-accesses: newest first; `unreviewed` (default) is the review queue. */
export const listEmergencyAccessesSchema = z.strictObject({
  status: z.enum(emergencyAccessStatuses).default("unreviewed"),
  cursor: cursorParamSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListEmergencyAccessesInput = z.input<typeof listEmergencyAccessesSchema>;

/** POST /emergency-accesses/{id}/review: an optional note from the reviewer. */
export const reviewEmergencyAccessSchema = z.strictObject({
  note: textSchema({ max: 1000, multiline: true, maxMessage: "Keep the note to 1,000 characters." }).optional(),
});
export type ReviewEmergencyAccessInput = z.input<typeof reviewEmergencyAccessSchema>;

/** The answer to a granted request. */
export type EmergencyAccessGrant = { id: string; threadId: string; expiresAt: string };

/** One emergency access as compliance reviews it. */
export type EmergencyAccessReviewItem = {
  id: string;
  threadId: string;
  requester: { id: string; name: string; role: string };
  member: { id: string; name: string };
  reason: string;
  createdAt: string;
  expiresAt: string;
  reviewedAt: string | null;
  reviewedBy: { id: string; name: string } | null;
  reviewNote: string | null;
};
