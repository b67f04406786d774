/**
 * Opaque keyset cursor of the people list, ordered by (name ASC, id ASC). A tampered cursor
 * is a clear 400, never a silent restart from the top.
 */
import { z } from "zod";
import { AppError } from "../../errors";

const cursorSchema = z.strictObject({ n: z.string().max(200), id: z.uuid() });
export type PeopleCursor = { name: string; id: string };

export function encodePeopleCursor(c: PeopleCursor): string {
  return Buffer.from(JSON.stringify({ n: c.name, id: c.id })).toString("base64url");
}

export function decodePeopleCursor(raw: string | null | undefined): PeopleCursor | null {
  if (!raw) return null;
  try {
    const parsed = cursorSchema.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return { name: parsed.n, id: parsed.id };
  } catch {
    throw new AppError("BAD_REQUEST", "The cursor is not valid.");
  }
}
