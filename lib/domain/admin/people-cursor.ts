/**
 * Opaque keyset cursor of the people list, ordered by (name ASC, id ASC). The shared codec
 * (lib/domain/shared/cursor.ts): a tampered cursor is a clear 400, never a silent restart
 * from the top, never a value PostgreSQL refuses.
 */
import { z } from "zod";
import { cursorCodec } from "../shared/cursor";
import { storedTextSchema } from "../shared/text";

export type PeopleCursor = { name: string; id: string };

const peopleCursor = cursorCodec(
  z.strictObject({ n: storedTextSchema(200), id: z.guid() }),
  (c: PeopleCursor) => ({ n: c.name, id: c.id }),
  (j) => ({ name: j.n, id: j.id.toLowerCase() }),
);

export function encodePeopleCursor(c: PeopleCursor): string {
  return peopleCursor.encode(c);
}

export function decodePeopleCursor(raw: string | null | undefined): PeopleCursor | null {
  return peopleCursor.decode(raw);
}
