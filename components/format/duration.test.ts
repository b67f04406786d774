import { describe, expect, it } from "vitest";
import { formatDuration } from "./duration";

describe("formatDuration", () => {
  it.each([
    [0, "<1 min"],
    [59_000, "<1 min"],
    [12 * 60_000, "12 min"],
    [125 * 60_000, "2 h 5 min"],
    [(3 * 24 + 4) * 3_600_000, "3 d 4 h"],
    [-5_000, "<1 min"],
  ])("%i ms → %s", (ms, text) => expect(formatDuration(ms)).toBe(text));
});
