import { describe, expect, it } from "vitest";
import { int8IdTextSchema, isoDateTimeSchema } from "./bounds";

describe("isoDateTimeSchema", () => {
  const withOffset = isoDateTimeSchema({ offset: true });
  it("accepts instants in the years 1900–9999", () => {
    expect(withOffset.parse("2026-01-31T09:00:00Z")).toBe("2026-01-31T09:00:00Z");
    expect(withOffset.parse("1900-01-01T00:00:00Z")).toBe("1900-01-01T00:00:00Z");
    expect(withOffset.parse("9999-12-31T23:59:59.999Z")).toBe("9999-12-31T23:59:59.999Z");
  });
  it("refuses year 0000, year 99999, offsets that leave the range and impossible days", () => {
    for (const v of ["0000-01-01T00:00:00Z", "1899-12-31T23:59:59Z", "+099999-01-01T00:00:00Z", "99999-01-01T00:00:00Z", "9999-12-31T23:00:00-05:00", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", ""]) {
      expect(withOffset.safeParse(v).success, v).toBe(false);
    }
  });
  it("refuses an offset unless asked for", () => {
    expect(isoDateTimeSchema().safeParse("2026-01-31T09:00:00+01:00").success).toBe(false);
  });
});

describe("int8IdTextSchema", () => {
  it("takes positive ids up to PostgreSQL's bigint maximum", () => {
    expect(int8IdTextSchema.parse("1")).toBe("1");
    expect(int8IdTextSchema.parse("9223372036854775807")).toBe("9223372036854775807");
  });
  it("refuses larger, negative, zero, padded and non-decimal ids", () => {
    for (const v of ["9223372036854775808", "9999999999999999999", "-1", "0", "01", "1e3", " 1", "1\u0000", "١٢٣"]) {
      expect(int8IdTextSchema.safeParse(v).success, v).toBe(false);
    }
  });
});
