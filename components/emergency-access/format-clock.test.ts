import { describe, expect, it } from "vitest";
import { formatClock } from "./format-clock";

describe("formatClock", () => {
  it("gives HH:MM on a 24-hour clock in the given zone", () => {
    expect(formatClock("2026-03-01T09:05:00Z", "UTC")).toBe("09:05");
    expect(formatClock("2026-03-01T23:59:59Z", "UTC")).toBe("23:59");
    expect(formatClock("2026-03-01T00:30:00Z", "America/New_York")).toBe("19:30");
  });
});
