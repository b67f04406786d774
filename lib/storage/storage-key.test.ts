import { describe, expect, it } from "vitest";
import { assertValidStorageKey, isValidStorageKey, newStorageKey } from "./storage-key";

describe("storage keys", () => {
  it("are documents/<yyyy>/<mm>/<uuid>, random, and valid", () => {
    const key = newStorageKey(new Date("2031-02-28T23:59:59Z"));
    expect(key).toMatch(/^documents\/2031\/02\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(isValidStorageKey(key)).toBe(true);
    const many = new Set(Array.from({ length: 1000 }, () => newStorageKey()));
    expect(many.size).toBe(1000);
  });

  it("take the month in UTC", () => {
    expect(newStorageKey(new Date("2030-12-31T23:30:00-05:00"))).toMatch(/^documents\/2031\/01\//);
  });

  it.each([
    "",
    "..",
    "../etc/passwd",
    "documents/../../x",
    "documents/..",
    "/documents/a",
    "documents//a",
    "documents/a/",
    "Documents/a",
    "documents/a.pdf",
    "documents/a b",
    "documents\\a",
    "documents/%2e%2e/a",
    "documents/ä",
    "documents/a\0",
    "documents/a\n",
    "x".repeat(257),
  ])("refuses %j", (key) => {
    expect(isValidStorageKey(key)).toBe(false);
    expect(() => assertValidStorageKey(key)).toThrow(/Invalid storage key/);
  });

  it.each([undefined, null, 42, ["documents/a"], { toString: () => "documents/a" }])("refuses a non-string %j", (key) => {
    expect(() => assertValidStorageKey(key)).toThrow(/Invalid storage key/);
  });

  it.each(["a", "health/1", "documents/2031/02/0f7c-x", "x".repeat(256)])("accepts %j", (key) => {
    expect(() => assertValidStorageKey(key)).not.toThrow();
  });
});
