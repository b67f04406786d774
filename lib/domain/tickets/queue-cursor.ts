/**
 * Opaque keyset cursor of the queue, which is ordered by (waitingSince ASC NULLS LAST,
 * lastActivityAt ASC, id ASC). The shared codec (lib/domain/shared/cursor.ts): a tampered
 * cursor is a clear 400, never a silent restart, never a value PostgreSQL refuses.
 */
import { z } from "zod";
import { cursorCodec, cursorInstantSchema } from "../shared/cursor";

export type QueueCursor = { waitingSince: Date | null; lastActivityAt: Date; id: string };

const queueCursor = cursorCodec(
  z.strictObject({ w: cursorInstantSchema.nullable(), l: cursorInstantSchema, id: z.guid() }),
  (c: QueueCursor) => ({ w: c.waitingSince?.toISOString() ?? null, l: c.lastActivityAt.toISOString(), id: c.id }),
  (j) => ({ waitingSince: j.w === null ? null : new Date(j.w), lastActivityAt: new Date(j.l), id: j.id.toLowerCase() }),
);

export function encodeQueueCursor(c: QueueCursor): string {
  return queueCursor.encode(c);
}

export function decodeQueueCursor(raw: string | null | undefined): QueueCursor | null {
  return queueCursor.decode(raw);
}
