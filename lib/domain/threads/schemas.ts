// Input schemas of the threads area. No server-only imports: forms reuse them, and the
// server always parses again.
import { z } from "zod";

export const listThreadsSchema = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListThreadsInput = z.input<typeof listThreadsSchema>;
