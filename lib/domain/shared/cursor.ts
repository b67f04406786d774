/**
 * ⚠ SECURITY: the one codec for opaque keyset cursors (docs/security.md "Input hygiene").
 * A cursor is base64url JSON checked by a strict zod schema whose dates and ids are bounded
 * (lib/domain/shared/bounds.ts): a tampered, truncated or crafted cursor is a clear 400,
 * never a silent restart from the top and never a value PostgreSQL refuses (a 500).
 */
import { z } from "zod";
import { AppError } from "../../errors";
import { cursorParamSchema, isoDateTimeSchema, maxCursorLength } from "./bounds";

export { cursorParamSchema };

export type CursorCodec<T> = {
  encode(value: T): string;
  /** null for no cursor (the first page); BAD_REQUEST for anything that is not a cursor of this list. */
  decode(raw: string | null | undefined): T | null;
};

/**
 * A codec for one list's cursor: `schema` checks the JSON form, `toJson`/`fromJson` map it
 * to and from the list's own type.
 */
export function cursorCodec<J, T>(schema: z.ZodType<J>, toJson: (value: T) => J, fromJson: (json: J) => T): CursorCodec<T> {
  return {
    encode: (value) => Buffer.from(JSON.stringify(toJson(value))).toString("base64url"),
    decode(raw) {
      if (!raw) return null;
      try {
        if (raw.length > maxCursorLength || !/^[A-Za-z0-9_-]+$/.test(raw)) throw new Error("not base64url");
        return fromJson(schema.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8"))));
      } catch {
        throw new AppError("BAD_REQUEST", "The cursor is not valid.");
      }
    },
  };
}

/** An instant in a cursor: ISO form, within the years PostgreSQL and the app accept. */
export const cursorInstantSchema = isoDateTimeSchema();

/** Lists ordered by (time DESC, id DESC). */
export type Cursor = { at: Date; id: string };

const timeIdCursor = cursorCodec(
  z.strictObject({ t: cursorInstantSchema, id: z.guid() }),
  (c: Cursor) => ({ t: c.at.toISOString(), id: c.id }),
  (j) => ({ at: new Date(j.t), id: j.id.toLowerCase() }),
);

export function encodeCursor(at: Date, id: string): string {
  return timeIdCursor.encode({ at, id });
}

export function decodeCursor(raw: string | null | undefined): Cursor | null {
  return timeIdCursor.decode(raw);
}
