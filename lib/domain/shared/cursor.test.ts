import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor";

describe("cursor", () => {
  it("round-trips", () => {
    const at = new Date("2026-11-26T10:00:00.000Z");
    const id = "0196b0a4-2b7e-7c3a-9d1e-1234567890ab";
    expect(decodeCursor(encodeCursor(at, id))).toEqual({ at, id });
  });

  it("rejects tampering with a clear error", () => {
    expect(() => decodeCursor("not-a-cursor")).toThrow(/cursor is not valid/);
    expect(() => decodeCursor(Buffer.from('{"t":"x","id":"1"}').toString("base64url"))).toThrow(/cursor is not valid/);
  });

  it("treats no cursor as the first page", () => {
    expect(decodeCursor(undefined)).toBeNull();
  });
});
