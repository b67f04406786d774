import { describe, expect, it } from "vitest";
import { canonicalAuditRow, canonicalJson, chainHash, GENESIS_HASH, type SealableAuditRow } from "./audit-chain-hash";

const row: SealableAuditRow = {
  id: 42n,
  occurredAt: new Date("2026-03-01T09:30:00.123Z"),
  actorId: "0190a1b2-0000-7000-8000-000000000001",
  actorRole: "CARE_GUIDE",
  action: "thread.read",
  outcome: "ALLOWED",
  memberId: "0190a1b2-0000-7000-8000-000000000002",
  recordType: "thread",
  recordId: "0190a1b2-0000-7000-8000-000000000003",
  ip: "10.0.0.1",
  userAgent: 'Mozilla/5.0 "quoted"',
  reason: null,
  // Keys deliberately out of order, nested.
  details: { b: "2", a: [1, { y: null, x: true }] },
};

describe("canonical serialization", () => {
  it("writes every column in a fixed order, with sorted detail keys", () => {
    expect(canonicalAuditRow(row)).toBe(
      '["42","2026-03-01T09:30:00.123Z","0190a1b2-0000-7000-8000-000000000001","CARE_GUIDE","thread.read","ALLOWED",' +
        '"0190a1b2-0000-7000-8000-000000000002","thread","0190a1b2-0000-7000-8000-000000000003","10.0.0.1","Mozilla/5.0 \\"quoted\\"",null,' +
        '{"a":[1,{"x":true,"y":null}],"b":"2"}]',
    );
  });

  it("does not depend on key order, even for integer-like keys JavaScript reorders", () => {
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
    expect(canonicalJson({ "2": "x", "10": "y", a: { d: 1, c: 2 } })).toBe('{"10":"y","2":"x","a":{"c":2,"d":1}}');
  });

  it("keeps null columns in place, so shifting a value to another column changes the text", () => {
    const a = canonicalAuditRow({ ...row, ip: null, userAgent: "x" });
    const b = canonicalAuditRow({ ...row, ip: "x", userAgent: null });
    expect(a).not.toBe(b);
    expect(canonicalAuditRow({ ...row, details: null })).toMatch(/,null\]$/);
  });
});

describe("chain hash", () => {
  it("is SHA-256 (hex) of the previous hash followed by the canonical row", () => {
    // Computed independently: printf '%s' "<64 zeros><canonical row>" | sha256sum
    expect(chainHash(GENESIS_HASH, row)).toBe("b399199cfdc4eab297c0f0e5332886c58f3a498e9e07e36c47a2e5de06c63fa8");
  });

  it("changes when any column or the previous hash changes", () => {
    const base = chainHash(GENESIS_HASH, row);
    const variants: Partial<SealableAuditRow>[] = [
      { id: 43n },
      { occurredAt: new Date("2026-03-01T09:30:00.124Z") },
      { actorId: null },
      { actorRole: "NURSE" },
      { action: "message.list" },
      { outcome: "DENIED" },
      { memberId: null },
      { recordType: "ticket" },
      { recordId: "other" },
      { ip: "10.0.0.2" },
      { userAgent: "curl" },
      { reason: "x" },
      { details: { b: "3", a: [1, { y: null, x: true }] } },
    ];
    for (const v of variants) expect(chainHash(GENESIS_HASH, { ...row, ...v }), JSON.stringify(Object.keys(v))).not.toBe(base);
    expect(chainHash("1".repeat(64), row)).not.toBe(base);
  });

  it("has a 64-zero genesis", () => {
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
  });
});
