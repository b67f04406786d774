import { afterEach, describe, expect, it, vi } from "vitest";

function headers(values: Record<string, string>) {
  return { get: (name: string) => values[name.toLowerCase()] ?? null };
}

describe("request origin", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("takes the address Next.js appended (last X-Forwarded-For entry), ignoring a spoofed first entry", async () => {
    const { originFromHeaders } = await import("./request-origin");
    const origin = originFromHeaders(headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.7", "user-agent": "UA" }));
    expect(origin).toEqual({ ip: "10.0.0.7", userAgent: "UA" });
  });

  it("takes the first entry only behind a trusted proxy", async () => {
    vi.stubEnv("TRUST_PROXY", "1");
    const { originFromHeaders } = await import("./request-origin");
    expect(originFromHeaders(headers({ "x-forwarded-for": "203.0.113.9, 10.0.0.7" })).ip).toBe("203.0.113.9");
  });

  it("has no address when none is given", async () => {
    const { originFromHeaders } = await import("./request-origin");
    expect(originFromHeaders(headers({})).ip).toBeNull();
  });
});
