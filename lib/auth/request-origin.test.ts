import { describe, expect, it } from "vitest";
import { originFromHeaderRecord, originFromHeaders } from "./request-origin";

function headers(values: Record<string, string>) {
  return { get: (name: string) => values[name.toLowerCase()] ?? null };
}

describe("request origin", () => {
  it("reads the single address server.mjs put in X-Forwarded-For", () => {
    expect(originFromHeaders(headers({ "x-forwarded-for": "10.0.0.7", "user-agent": "UA" }))).toEqual({ ip: "10.0.0.7", userAgent: "UA" });
  });

  it("never takes X-Real-IP, which only a client would send", () => {
    expect(originFromHeaders(headers({ "x-real-ip": "6.6.6.6" })).ip).toBeNull();
  });

  it("bounds what it keeps", () => {
    const origin = originFromHeaders(headers({ "x-forwarded-for": "a".repeat(500), "user-agent": "b".repeat(5000) }));
    expect(origin.ip).toHaveLength(64);
    expect(origin.userAgent).toHaveLength(512);
  });

  it("reads next-auth's plain header record", () => {
    expect(originFromHeaderRecord({ "x-forwarded-for": "192.0.2.4" }).ip).toBe("192.0.2.4");
    expect(originFromHeaderRecord(undefined).ip).toBeNull();
  });
});
