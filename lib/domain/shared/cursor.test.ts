import { describe, expect, it } from "vitest";
import { z } from "zod";
import { cursorCodec, cursorInstantSchema, decodeCursor, encodeCursor } from "./cursor";
import { decodePeopleCursor, encodePeopleCursor } from "../admin/people-cursor";
import { decodeQueueCursor, encodeQueueCursor } from "../tickets/queue-cursor";

const b64 = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
const id = "0196b0a4-2b7e-7c3a-9d1e-1234567890ab";

describe("cursor", () => {
  it("round-trips", () => {
    const at = new Date("2026-11-26T10:00:00.000Z");
    expect(decodeCursor(encodeCursor(at, id))).toEqual({ at, id });
  });

  it("rejects tampering with a clear error", () => {
    expect(() => decodeCursor("not-a-cursor")).toThrow(/cursor is not valid/);
    expect(() => decodeCursor(b64({ t: "x", id: "1" }))).toThrow(/cursor is not valid/);
  });

  it("rejects crafted values PostgreSQL would refuse (year 0000, year 99999, NUL, overlong, extra keys)", () => {
    for (const raw of [
      b64({ t: "0000-01-01T00:00:00.000Z", id }),
      b64({ t: "+099999-01-01T00:00:00.000Z", id }),
      b64({ t: "2026-01-01T00:00:00.000Z", id: `${id}\u0000` }),
      b64({ t: "2026-01-01T00:00:00.000Z", id, extra: 1 }),
      b64("null"),
      b64("[]"),
      "A".repeat(401),
      "a b",
      "%00",
    ]) {
      expect(() => decodeCursor(raw), raw.slice(0, 40)).toThrow(/cursor is not valid/);
    }
  });

  it("treats no cursor as the first page", () => {
    expect(decodeCursor(undefined)).toBeNull();
    expect(decodeCursor("")).toBeNull();
  });

  it("answers BAD_REQUEST (400), not an unexpected error", () => {
    try {
      decodeCursor(b64({ t: "0000-01-01T00:00:00Z", id }));
      expect.unreachable();
    } catch (error) {
      expect((error as { code?: string }).code).toBe("BAD_REQUEST");
    }
  });
});

describe("the codec serves every list's cursor", () => {
  it("people: round-trips, refuses NUL in the name", () => {
    expect(decodePeopleCursor(encodePeopleCursor({ name: "Ann", id }))).toEqual({ name: "Ann", id });
    expect(() => decodePeopleCursor(b64({ n: "A\u0000", id }))).toThrow(/cursor is not valid/);
  });

  it("queue: round-trips, refuses year 0000", () => {
    const c = { waitingSince: null, lastActivityAt: new Date("2026-01-01T00:00:00.000Z"), id };
    expect(decodeQueueCursor(encodeQueueCursor(c))).toEqual(c);
    expect(() => decodeQueueCursor(b64({ w: "0000-01-01T00:00:00Z", l: "2026-01-01T00:00:00Z", id }))).toThrow(/cursor is not valid/);
  });

  it("a codec of one's own", () => {
    const codec = cursorCodec(z.strictObject({ at: cursorInstantSchema }), (d: Date) => ({ at: d.toISOString() }), (j) => new Date(j.at));
    const d = new Date("2030-05-05T05:05:05.000Z");
    expect(codec.decode(codec.encode(d))).toEqual(d);
  });
});
