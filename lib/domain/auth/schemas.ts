// Input schemas of the auth area. No server-only imports: forms reuse them.
import { z } from "zod";
import { textSchema } from "../shared/text";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  // Never trimmed, normalised or filtered (lib/domain/shared/text.ts does not apply): the
  // password is only ever hashed, and any change would lock out a password set before.
  password: z.string().min(1).max(512),
  /** The second step of two-step sign-in: 6 digits or a recovery code; empty = not given. One line, no controls. */
  code: textSchema({ max: 64 }).optional(),
});
