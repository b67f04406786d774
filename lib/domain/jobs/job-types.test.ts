import { describe, expect, it } from "vitest";
import { backoffMs } from "./job-types";

describe("backoffMs", () => {
  it("doubles from 5 s and stops growing at 10 minutes", () => {
    const mid = () => 0.5; // no jitter
    expect([1, 2, 3, 4].map((a) => backoffMs(a, mid))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(backoffMs(30, mid)).toBe(600_000);
  });

  it("jitters within ±20 %", () => {
    expect(backoffMs(1, () => 0)).toBe(4_000);
    expect(backoffMs(1, () => 1)).toBe(6_000);
  });
});
