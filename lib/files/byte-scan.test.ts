import { describe, expect, it } from "vitest";
import { asBuffer, matchesFoldedAt, someAnchor } from "./byte-scan";

const positions = (bytes: Buffer, anchor: number) => {
  const seen: number[] = [];
  someAnchor(bytes, anchor, (position) => (seen.push(position), false));
  return seen;
};

describe("someAnchor", () => {
  it("visits every occurrence in order, sparse or dense", () => {
    const sparse = Buffer.from("a<bc<<d<");
    expect(positions(sparse, 0x3c)).toEqual([1, 4, 5, 7]);
    // Dense enough to switch to the plain loop part-way: still every position, once.
    const dense = Buffer.alloc(50_000, 0x3c);
    const seen = positions(dense, 0x3c);
    expect(seen).toHaveLength(50_000);
    expect(seen.every((position, i) => position === i)).toBe(true);
  });

  it("stops at the first match", () => {
    let calls = 0;
    expect(someAnchor(Buffer.from("<<<<"), 0x3c, (position) => (calls++, position === 1))).toBe(true);
    expect(calls).toBe(2);
  });
});

describe("matching", () => {
  const bytes = Buffer.from("xx<ScRiPt");
  it("folds ASCII case", () => {
    expect(matchesFoldedAt(bytes, 2, Buffer.from("<script"))).toBe(true);
    expect(matchesFoldedAt(bytes, 2, Buffer.from("<scripx"))).toBe(false);
  });
  it("never reads outside the bytes", () => {
    expect(matchesFoldedAt(bytes, 5, Buffer.from("<script"))).toBe(false);
    expect(matchesFoldedAt(bytes, -1, Buffer.from("x"))).toBe(false);
  });
  it("asBuffer shares memory instead of copying", () => {
    const array = new Uint8Array([1, 2, 3]);
    asBuffer(array)[0] = 9;
    expect(array[0]).toBe(9);
  });
});
