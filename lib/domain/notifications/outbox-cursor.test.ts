import { describe, expect, it } from "vitest";
import { gapTtlMs, stepCursor } from "./outbox-cursor";

describe("stepCursor", () => {
  it("handles new ids and moves past them", () => {
    const step = stepCursor({ seen: "10", gaps: {} }, [11n, 12n, 13n], 1_000);
    expect(step.handle).toEqual([11n, 12n, 13n]);
    expect(step.next).toEqual({ seen: "13", gaps: {} });
  });

  it("remembers an id that was not committed yet and handles it once it appears", () => {
    const first = stepCursor({ seen: "10", gaps: {} }, [11n, 13n], 1_000);
    expect(first.handle).toEqual([11n, 13n]);
    expect(first.next).toEqual({ seen: "13", gaps: { "12": 1_000 } });
    const second = stepCursor(first.next, [12n, 14n], 2_000);
    expect(second.handle).toEqual([12n, 14n]);
    expect(second.next).toEqual({ seen: "14", gaps: {} });
  });

  it("never handles an id twice", () => {
    const step = stepCursor({ seen: "13", gaps: { "12": 1_000 } }, [11n, 12n, 13n], 2_000);
    expect(step.handle).toEqual([12n]);
  });

  it("forgets a gap that stayed empty (a rolled-back transaction)", () => {
    const step = stepCursor({ seen: "13", gaps: { "12": 1_000 } }, [], 1_000 + gapTtlMs + 1);
    expect(step.next).toEqual({ seen: "13", gaps: {} });
  });
});
