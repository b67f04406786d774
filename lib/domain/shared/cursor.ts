/**
 * Opaque keyset cursors for lists ordered by (time DESC, id DESC). A tampered cursor is a
 * clear 400, never a silent restart from the top.
 */
import { z } from "zod";
import { AppError } from "../../errors";

const cursorSchema = z.object({ t: z.iso.datetime(), id: z.uuid() });
export type Cursor = { at: Date; id: string };

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify({ t: at.toISOString(), id })).toString("base64url");
}

export function decodeCursor(raw: string | null | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const parsed = cursorSchema.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return { at: new Date(parsed.t), id: parsed.id };
  } catch {
    throw new AppError("BAD_REQUEST", "The cursor is not valid.");
  }
}
