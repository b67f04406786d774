/**
 * ⚠ SECURITY: ids that arrive in a path (`/threads/{id}`) or a body may be anything — NUL,
 * 10 kB of text, SQL. A record id is a UUID (8-4-4-4-12 hex, as PostgreSQL's uuid column
 * reads it); anything else is simply not found (lib/domain/audit/record-not-found.ts), so a
 * malformed id and an id outside the actor's scope get the same answer and never reach a
 * query. No server-only imports.
 */
import { z } from "zod";

const recordIdSchema = z.guid();

/** The id in canonical (lower-case) form if it is well-formed, else null. */
export function parseRecordId(raw: string | null | undefined): string | null {
  if (typeof raw !== "string") return null;
  const parsed = recordIdSchema.safeParse(raw);
  return parsed.success ? parsed.data.toLowerCase() : null;
}
