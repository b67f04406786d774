import { describe, expect, it } from "vitest";
import { searchTermSchema, storedTextSchema, textMessages, textSchema, visibleLength } from "./text";

const reason = textSchema({ min: 15, max: 500, multiline: true });
const body = textSchema({ min: 1, max: 10_000, multiline: true, allowBidi: true });
const name = textSchema({ min: 2, max: 120 });

function messages(schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } }, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : (result.error?.issues.map((i) => i.message) ?? []);
}

describe("textSchema", () => {
  it("refuses NUL everywhere, with a message that says which character", () => {
    for (const schema of [reason, body, name, searchTermSchema()]) {
      expect(messages(schema, "valid text here and\u0000 more")).toEqual([textMessages.nul]);
    }
  });

  it("refuses other C0 and C1 controls; keeps LF and TAB only in multi-line text", () => {
    expect(messages(body, "line one\u0007 bell")).toEqual([textMessages.control]);
    expect(messages(body, "escape \u001b[31m red")).toEqual([textMessages.control]);
    expect(messages(body, "C1 \u0085 next line")).toEqual([textMessages.control]);
    expect(body.parse("line one\n\tline two")).toBe("line one\n\tline two");
    expect(messages(name, "Ann\nSmith")).toEqual([textMessages.lineBreak]);
    expect(messages(name, "Ann\tSmith")).toEqual([textMessages.lineBreak]);
  });

  it("turns CR LF and lone CR into LF in multi-line text", () => {
    expect(body.parse("a\r\nb\rc")).toBe("a\nb\nc");
  });

  it("refuses bidi overrides and isolates where they have no place, keeps them in message bodies", () => {
    for (const ch of ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"]) {
      expect(messages(name, `Ann ${ch}Smith`)).toEqual([textMessages.bidi]);
      expect(messages(reason, `Needed now for the ${ch}patient call`)).toEqual([textMessages.bidi]);
      expect(messages(searchTermSchema(), `x${ch}`)).toEqual([textMessages.bidi]);
    }
    expect(body.parse("\u2067שלום\u2069 hello")).toBe("\u2067שלום\u2069 hello");
  });

  it("refuses lone surrogates", () => {
    expect(messages(name, "Ann \uD800")).toEqual([textMessages.surrogate]);
    expect(messages(name, "Ann \uDC00x")).toEqual([textMessages.surrogate]);
    expect(name.parse("Ann 😀")).toBe("Ann 😀");
  });

  it("trims and normalises to NFC", () => {
    expect(name.parse("  Jose\u0301  ")).toBe("José");
  });

  it("counts visible characters for the minimum: zero-width and other invisible text is empty", () => {
    expect(messages(reason, "\u200B".repeat(20))).toEqual(["Write at least 15 visible characters."]);
    expect(messages(reason, "a\u200Bb\u200Bc\u200Bd\u200Be\u200Bf\u200Bg\u200B".repeat(3))).toEqual([]);
    expect(messages(reason, "\u2060\uFEFF\u00AD\u180E\u3164\u2800\u034F".repeat(5))).toHaveLength(1);
    expect(messages(body, "\u200B\u200C\u200D")).toEqual(["Write something here."]);
    expect(messages(name, "A\u200B")).toHaveLength(1);
  });

  it("bounds the length after normalising", () => {
    expect(messages(name, "x".repeat(121))).toEqual(["Keep this to 120 characters."]);
    expect(name.parse("x".repeat(120))).toHaveLength(120);
  });

  it("reports a missing or non-string value with the field's own message", () => {
    const s = textSchema({ min: 15, max: 500, minMessage: "Say why." });
    expect(messages(s, undefined)).toEqual(["Say why."]);
    expect(messages(s, 42)).toEqual(["Say why."]);
  });
});

describe("visibleLength", () => {
  it("counts code points a reader sees", () => {
    expect(visibleLength("😀 a\u200B")).toBe(2);
    expect(visibleLength(" \t\n")).toBe(0);
  });
});

describe("storedTextSchema", () => {
  it("takes stored text as it is, refusing only what PostgreSQL cannot store", () => {
    expect(storedTextSchema(20).parse(" Ann ")).toBe(" Ann ");
    expect(storedTextSchema(20).safeParse("A\u0000").success).toBe(false);
    expect(storedTextSchema(20).safeParse("A\uD800").success).toBe(false);
  });
});
