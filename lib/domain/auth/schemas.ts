// Input schemas of the auth area. No server-only imports: forms reuse them.
import { z } from "zod";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(512),
  /** The second step of two-step sign-in: 6 digits or a recovery code; empty = not given. */
  code: z.string().trim().max(64).optional(),
});
