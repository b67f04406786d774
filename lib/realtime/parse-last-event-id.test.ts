import { describe, expect, it } from "vitest";
import { parseLastEventId } from "./sse";

describe("parseLastEventId", () => {
  it("takes a decimal id from the header, else the query", () => {
    expect(parseLastEventId("42", null)).toBe(42n);
    expect(parseLastEventId(null, "7")).toBe(7n);
    expect(parseLastEventId("9223372036854775807", null)).toBe(9223372036854775807n);
  });

  it("ignores what is not an id PostgreSQL's bigint can hold: replay starts from now, never a 500", () => {
    for (const raw of ["9223372036854775808", "9999999999999999999", "-1", "1e3", "abc", "\u0000", "12345678901234567890"]) {
      expect(parseLastEventId(raw, null), raw).toBeNull();
    }
  });
});
