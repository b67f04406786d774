import { describe, expect, it } from "vitest";
import { z } from "zod";
import { uuid7 } from "./uuid7";

describe("uuid7", () => {
  it("is a valid version-7 UUID carrying the time", () => {
    const at = Date.parse("2026-11-26T10:00:00.000Z");
    const id = uuid7(at);
    expect(z.uuid({ version: "v7" }).safeParse(id).success).toBe(true);
    expect(parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(at);
  });

  it("counts up within one millisecond, so ids sort in creation order", () => {
    const at = Date.now() + 60_000;
    const ids = Array.from({ length: 50 }, () => uuid7(at));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("never goes backwards when the clock does", () => {
    const a = uuid7(Date.now() + 120_000);
    const b = uuid7(Date.now());
    expect(b > a).toBe(true);
  });
});
