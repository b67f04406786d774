/**
 * Opaque keyset cursor of the queue, which is ordered by (waitingSince ASC NULLS LAST,
 * lastActivityAt ASC, id ASC). A tampered cursor is a clear 400, never a silent restart.
 */
import { z } from "zod";
import { AppError } from "../../errors";

const cursorSchema = z.strictObject({ w: z.iso.datetime().nullable(), l: z.iso.datetime(), id: z.uuid() });

export type QueueCursor = { waitingSince: Date | null; lastActivityAt: Date; id: string };

export function encodeQueueCursor(c: QueueCursor): string {
  return Buffer.from(JSON.stringify({ w: c.waitingSince?.toISOString() ?? null, l: c.lastActivityAt.toISOString(), id: c.id })).toString("base64url");
}

export function decodeQueueCursor(raw: string | null | undefined): QueueCursor | null {
  if (!raw) return null;
  try {
    const parsed = cursorSchema.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return { waitingSince: parsed.w === null ? null : new Date(parsed.w), lastActivityAt: new Date(parsed.l), id: parsed.id };
  } catch {
    throw new AppError("BAD_REQUEST", "The cursor is not valid.");
  }
}
