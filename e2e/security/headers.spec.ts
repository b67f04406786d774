import { expect, test } from "@playwright/test";
import { signInAndLand } from "../helpers";

test("pages carry a per-request nonce CSP without inline-script allowances, and still run", async ({ page }) => {
  const scriptViolations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) scriptViolations.push(message.text());
  });
  const first = await page.goto("/sign-in");
  const second = await page.request.get("/sign-in");
  const csp = first!.headers()["content-security-policy"]!;
  const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src"))!;
  expect(scriptSrc).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'$/);
  expect(csp).toContain("frame-ancestors 'none'");
  // A fresh nonce per response.
  expect(second.headers()["content-security-policy"]).not.toBe(csp);
  // Next's inline scripts carry the nonce (so they run), and the app works: sign-in hydrates.
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1]!;
  const inlineWithoutNonce = await page.evaluate(
    (n) => [...document.querySelectorAll("script:not([src])")].filter((s) => s.getAttribute("nonce") !== n && (s as HTMLScriptElement).nonce !== n).length,
    nonce,
  );
  expect(inlineWithoutNonce).toBe(0);
  await signInAndLand(page, "member@demo.test", "/messages");
  expect(scriptViolations).toEqual([]);

  const headers = first!.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["strict-transport-security"]).toMatch(/max-age=\d+/);
});

test("API answers get a strict CSP of their own", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
});
