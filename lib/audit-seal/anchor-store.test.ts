import { describe, expect, it } from "vitest";
import { defaultAnchorFile } from "./anchor-store";

describe("the default anchor file", () => {
  it("is one per database: anchors name seqs of one chain", () => {
    expect(defaultAnchorFile("/data", undefined)).toBe("/data/audit-anchors.log");
    expect(defaultAnchorFile("/data", "postgresql://app@db:5432/concierge")).toBe("/data/audit-anchors.concierge.log");
    expect(defaultAnchorFile("/data", "postgresql://app@db:5432/other%2F..%2Fdb?sslmode=require")).toBe("/data/audit-anchors.other_.._db.log");
    expect(defaultAnchorFile("/data", "postgresql://app@db:5432")).toBe("/data/audit-anchors.postgres.log");
  });
});
