import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseAnchor, serializeAnchor, type AuditAnchor } from "./anchor";

const key = randomBytes(32);
const anchor: AuditAnchor = { seq: 42n, auditId: 4711n, head: "a".repeat(64), keyedFrom: 1n, at: new Date("2026-12-02T04:00:00.000Z") };

describe("audit anchors", () => {
  it("round-trips one line with its MAC", () => {
    const line = serializeAnchor(key, anchor);
    expect(line).not.toContain("\n");
    expect(JSON.parse(line)).toMatchObject({ v: 1, seq: "42", auditId: "4711", head: "a".repeat(64), keyedFrom: "1", at: "2026-12-02T04:00:00.000Z" });
    expect(parseAnchor(key, line)).toEqual({ ok: true, anchor });
  });

  it("refuses an anchor with any field changed, a MAC under another key, or garbage", () => {
    const fields = JSON.parse(serializeAnchor(key, anchor)) as Record<string, string>;
    for (const [field, value] of Object.entries({ seq: "41", auditId: "4712", head: "b".repeat(64), keyedFrom: "40", at: "2026-12-02T04:00:01.000Z" })) {
      expect(parseAnchor(key, JSON.stringify({ ...fields, [field]: value })), field).toEqual({ ok: false, claimedSeq: field === "seq" ? "41" : "42" });
    }
    expect(parseAnchor(key, serializeAnchor(randomBytes(32), anchor))).toEqual({ ok: false, claimedSeq: "42" });
    expect(parseAnchor(key, '{"v":1,"seq":"42"')).toEqual({ ok: false, claimedSeq: null });
    expect(parseAnchor(key, "null")).toEqual({ ok: false, claimedSeq: null });
    expect(parseAnchor(key, JSON.stringify({ ...fields, at: "2026-12-02T04:00:00Z" })).ok).toBe(false);
  });
});
