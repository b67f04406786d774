import { describe, expect, it } from "vitest";
import { pageContentSecurityPolicy } from "./page-csp";

describe("pageContentSecurityPolicy", () => {
  it("allows scripts only with the nonce, never inline or eval, and is never framed", () => {
    const csp = pageContentSecurityPolicy("abc123");
    const scripts = csp.split("; ").find((d) => d.startsWith("script-src"))!;
    expect(scripts).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(scripts).not.toMatch(/unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });
});
