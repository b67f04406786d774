import { expect, test, type Page } from "@playwright/test";
import { signInAndLand } from "../helpers";

async function expectNothingAt(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  // Nothing of the face leaks: no navigation, no data tables.
  await expect(page.getByRole("table")).toHaveCount(0);
  await expect(page.getByRole("navigation")).toHaveCount(0);
}

test.describe("role boundaries", () => {
  test("a member gets nothing from console or admin URLs", async ({ page }) => {
    await signInAndLand(page, "member@demo.test", "/messages");
    await expectNothingAt(page, "/console");
    await expectNothingAt(page, "/admin");
    expect((await page.request.get("/api/v1/audit")).status()).toBe(403);
  });

  test("staff get nothing from admin or member URLs", async ({ page }) => {
    await signInAndLand(page, "guide@demo.test", "/console");
    await expectNothingAt(page, "/admin");
    await expectNothingAt(page, "/messages");
  });

  test("admins get nothing from console or member URLs", async ({ page }) => {
    await signInAndLand(page, "admin@demo.test", "/admin");
    await expectNothingAt(page, "/console");
    await expectNothingAt(page, "/messages");
  });

  test("admins manage teams but cannot list conversations", async ({ page }) => {
    await signInAndLand(page, "admin@demo.test", "/admin");
    await expect(page.getByRole("cell", { name: "Sunrise", exact: true })).toBeVisible();
    expect((await page.request.get("/api/v1/threads")).status()).toBe(403);
    expect((await page.request.get("/api/v1/audit")).status()).toBe(403);
  });

  test("compliance reads the audit log, including denied attempts", async ({ page }) => {
    await signInAndLand(page, "compliance@demo.test", "/admin");
    const res = await page.request.get("/api/v1/audit?action=auth.sign_in");
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { items: { action: string; outcome: string }[] };
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((e) => e.action === "auth.sign_in")).toBe(true);
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  });

  test("signed-out visitors are sent to sign in and get 401 from the API", async ({ page }) => {
    for (const path of ["/messages", "/console", "/admin"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/sign-in$/);
    }
    for (const path of ["/api/v1/me", "/api/v1/threads", "/api/v1/audit"]) {
      const res = await page.request.get(path);
      expect(res.status()).toBe(401);
      expect(res.headers()["content-type"]).toContain("application/problem+json");
    }
  });
});
