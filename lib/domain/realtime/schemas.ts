// Input schemas of the realtime area. No server-only imports: the console reuses them.
import { z } from "zod";

/**
 * POST /threads/{id}/typing: what the caller is writing. Required, so a client that does not
 * say it is writing a reply to the member announces nothing; `internal` (a note) is refused
 * by the server (announce-typing.ts) — a note must never make the member see "typing…".
 */
export const announceTypingSchema = z.strictObject({
  visibility: z.enum(["member", "internal"]).describe("What the composer is writing: `member` (a reply the member will read) or `internal` (a note, never announced: 422)."),
});
export type AnnounceTypingInput = z.input<typeof announceTypingSchema>;
