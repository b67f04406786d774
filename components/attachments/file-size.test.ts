import { describe, expect, it } from "vitest";
import { formatFileSize } from "./file-size";

describe("formatFileSize", () => {
  it.each([
    [0, "0 B"],
    [512, "512 B"],
    [999, "999 B"],
    [1000, "1 KB"],
    [1500, "1.5 KB"],
    [9_960, "10 KB"],
    [12_300, "12 KB"],
    [999_700, "1 MB"],
    [3_440_000, "3.4 MB"],
    [20_000_000, "20 MB"],
    [31_457_280, "31 MB"],
    [5e9, "5 GB"],
    [-1, "—"],
    [Number.NaN, "—"],
  ])("%d bytes → %s", (bytes, text) => expect(formatFileSize(bytes)).toBe(text));
});
