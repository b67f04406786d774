import { describe, expect, it } from "vitest";
import { queuePreviewLength, toQueuePreview } from "./queue-preview";

/** The rule written plainly (the form the fast one replaced). */
function reference(body: string): string {
  const chars = Array.from(body.replace(/\s+/g, " ").trim());
  return chars.length <= queuePreviewLength ? chars.join("") : `${chars.slice(0, queuePreviewLength).join("").trimEnd()}…`;
}

// Bits that stress the edges: white space of every kind, emoji (surrogate pairs), lone
// surrogates, combining marks, plain words.
const pieces = ["word", " ", "  ", "\n\n", "\t", "\u00a0", "\u2028", "\u3000", "😀", "👩‍⚕️", "\ud83d", "\ude00", "é", "e\u0301", "a", "-", "。"];

function randomBody(seed: number): string {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31);
  const n = next() % 200;
  let s = "";
  for (let i = 0; i < n; i++) s += pieces[next() % pieces.length];
  return s;
}

describe("toQueuePreview", () => {
  it("is the plain rule: collapsed white space, trimmed, 120 code points and an ellipsis", () => {
    expect(toQueuePreview("  short\n\nquestion  ")).toBe("short question");
    expect(toQueuePreview("x".repeat(120))).toBe("x".repeat(120));
    expect(toQueuePreview("x".repeat(121))).toBe(`${"x".repeat(120)}…`);
    expect(toQueuePreview(`${"x".repeat(119)} y`)).toBe(`${"x".repeat(119)}…`);
    expect(toQueuePreview("😀".repeat(120))).toBe("😀".repeat(120));
    expect(toQueuePreview("😀".repeat(121))).toBe(`${"😀".repeat(120)}…`);
    expect(toQueuePreview("")).toBe("");
  });

  it("answers as the plain form on 5,000 generated bodies", () => {
    for (let seed = 1; seed <= 5000; seed++) {
      const body = randomBody(seed);
      expect(toQueuePreview(body), JSON.stringify(body)).toBe(reference(body));
    }
  });

  it("answers as the plain form around the cut, for every length and surrogate placement", () => {
    for (let len = 110; len <= 130; len++) {
      for (const filler of ["a", "😀", "\ud83d", "\ude00"]) {
        for (let at = 0; at < len; at += 7) {
          const body = "a".repeat(at) + filler + "b".repeat(len - at);
          expect(toQueuePreview(body)).toBe(reference(body));
        }
      }
    }
  });
});
