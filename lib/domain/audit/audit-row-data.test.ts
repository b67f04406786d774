import { describe, expect, it } from "vitest";
import { auditRowData } from "./audit-row-data";
import { auditText } from "./audit-text";

const actor = { userId: "0196b0a4-2b7e-7c3a-9d1e-1234567890ab", role: "NURSE" as const, origin: { ip: "10.0.0.1\u0000", userAgent: `agent\u0000${"x".repeat(600)}` } };

describe("auditRowData", () => {
  it("makes every text column safe for PostgreSQL and bounded", () => {
    const row = auditRowData(actor, {
      action: "thread.read\u0000",
      outcome: "DENIED",
      recordType: "thread",
      recordId: `\u0000${"9".repeat(5000)}`,
      reason: "out\u0000of_scope",
      details: { "q\u0000": "a\u0000b", list: ["\u0000", 1, null, { deep: "\uD800" }] },
    });
    const texts = [row.action, row.recordType, row.recordId, row.reason, row.ip, row.userAgent, JSON.stringify(row.details)];
    for (const t of texts) expect(t).not.toMatch(/\u0000|\\u0000/);
    expect(row.recordId).toHaveLength(64);
    expect(String(row.recordId).startsWith("\uFFFD999")).toBe(true);
    expect(row.userAgent).toHaveLength(512);
    expect(row.details).toEqual({ "q\uFFFD": "a\uFFFDb", list: ["\uFFFD", 1, null, { deep: "\uFFFD" }] });
  });

  it("drops a member id that is not a uuid rather than failing the row", () => {
    expect(auditRowData(actor, { action: "x", memberId: "not-a-uuid\u0000" }).memberId).toBeNull();
    expect(auditRowData(actor, { action: "x", memberId: actor.userId }).memberId).toBe(actor.userId);
  });
});

describe("auditText", () => {
  it("never cuts a surrogate pair in half", () => {
    expect(auditText("😀😀😀", 2)).toBe("😀😀");
  });
  it("keeps tabs and line breaks, replaces other controls", () => {
    expect(auditText("a\tb\nc\u001b", 10)).toBe("a\tb\nc\uFFFD");
  });

  it("never sets the id or the time: the database's sequence and now() do (the runtime role may not insert them)", async () => {
    const row = auditRowData(actor, { action: "x", recordId: "r", details: { a: 1 } });
    expect(Object.keys(row)).not.toContain("id");
    expect(Object.keys(row)).not.toContain("occurredAt");
    const { insertAuditRowSql } = await import("./record-audit");
    const columns = /INSERT INTO audit_log \(([^)]*)\)/.exec(insertAuditRowSql)![1]!.split(",").map((c) => c.trim());
    expect(columns).not.toContain("id");
    expect(columns).not.toContain("occurred_at");
  });
});
