// Input schemas of the auth area. No server-only imports: forms reuse them.
import { z } from "zod";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(512),
});
