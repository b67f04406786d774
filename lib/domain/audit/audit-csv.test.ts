import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "./audit-csv";

describe("csvCell", () => {
  it("leaves plain values alone and writes null as empty", () => {
    expect(csvCell("thread.read")).toBe("thread.read");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(12345678901234567890n)).toBe("12345678901234567890");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell("")).toBe("");
  });

  it("quotes commas, quotes and line breaks, doubling quotes", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line1\nline2")).toBe('"line1\nline2"');
    expect(csvCell("cr\rhere")).toBe('"cr\rhere"');
    expect(csvCell('{"count":3,"ids":["a"]}')).toBe('"{""count"":3,""ids"":[""a""]}"');
  });

  it.each([
    ["=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\""],
    ["+1+2", "'+1+2"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "\"'\r=1\""],
    ["=1,2", "\"'=1,2\""],
  ])("defuses a formula: %j → %j", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("does not touch a sign that is not at the start", () => {
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("2026-03-01T09:30:00.000Z")).toBe("2026-03-01T09:30:00.000Z");
  });
});

describe("csvLine", () => {
  it("joins cells with commas and ends with CRLF", () => {
    expect(csvLine(["1", null, "a,b", "=x"])).toBe("1,,\"a,b\",'=x\r\n");
  });
});
