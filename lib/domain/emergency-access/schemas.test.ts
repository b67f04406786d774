import { describe, expect, it } from "vitest";
import { listEmergencyAccessesSchema, requestEmergencyAccessSchema, reviewEmergencyAccessSchema } from "./schemas";

describe("emergency access schemas", () => {
  it("takes a trimmed reason of 15 to 500 characters, nothing else", () => {
    expect(requestEmergencyAccessSchema.parse({ reason: "  Member escalated, covering tonight  " })).toEqual({ reason: "Member escalated, covering tonight" });
    expect(requestEmergencyAccessSchema.safeParse({ reason: "x".repeat(500) }).success).toBe(true);
    for (const input of [{}, { reason: null }, { reason: "   too short    " }, { reason: "x".repeat(501) }, { reason: "x".repeat(20), threadId: "a" }]) {
      expect(requestEmergencyAccessSchema.safeParse(input).success, JSON.stringify(input).slice(0, 40)).toBe(false);
    }
    const missing = requestEmergencyAccessSchema.safeParse({});
    expect(missing.error?.issues[0]?.message).toBe("Say why you need this conversation now.");
  });

  it("lists the unreviewed by default and refuses unknown filters", () => {
    expect(listEmergencyAccessesSchema.parse({})).toEqual({ status: "unreviewed", limit: 50 });
    expect(listEmergencyAccessesSchema.safeParse({ status: "reviewed" }).success).toBe(false);
    expect(listEmergencyAccessesSchema.safeParse({ userId: "x" }).success).toBe(false);
  });

  it("takes an optional review note", () => {
    expect(reviewEmergencyAccessSchema.parse({})).toEqual({});
    expect(reviewEmergencyAccessSchema.parse({ note: " ok " })).toEqual({ note: "ok" });
    expect(reviewEmergencyAccessSchema.safeParse({ note: "x".repeat(1001) }).success).toBe(false);
  });
});
