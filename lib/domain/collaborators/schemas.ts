// Input schemas and views of collaboration (@mentions, collaborators, the mentions list).
// No server-only imports: the console's components reuse them, and the server parses again.
import { z } from "zod";
import { cursorParamSchema } from "../shared/bounds";
import { searchTermSchema } from "../shared/text";

/** GET /threads/{id}/mentionable: `q` narrows by name (any part of it). */
export const listMentionableSchema = z.strictObject({
  q: searchTermSchema(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListMentionableInput = z.input<typeof listMentionableSchema>;

/** GET /mentions: threads the caller was mentioned in, newest mention first. */
export const listMentionsSchema = z.strictObject({
  cursor: cursorParamSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListMentionsInput = z.input<typeof listMentionsSchema>;

/** Someone the caller may @mention on a thread: who they are and the team they are there for. Nothing about the member. */
export type MentionableUser = {
  id: string;
  name: string;
  role: string;
  team: { id: string; name: string };
};

export type CollaboratorView = {
  /** The collaboration's own id. */
  id: string;
  user: { id: string; name: string; role: string };
  addedBy: { id: string; name: string; role: string };
  /** Why they were brought in; never message text. */
  reason: string;
  /** When they became a collaborator. */
  since: string;
};

export type CollaboratorList = {
  items: CollaboratorView[];
  nextCursor: null;
  /** Whether the caller may remove collaborators here (staff of the thread's owning team). */
  canRemove: boolean;
};

export type MentionItem = {
  threadId: string;
  subject: string | null;
  member: { id: string; name: string };
  team: { id: string; name: string } | null;
  ticket: { id: string; status: string } | null;
  /** The newest mention of the caller on this thread. */
  mentionedAt: string;
  /** How often the caller was mentioned on this thread. */
  mentionCount: number;
};
