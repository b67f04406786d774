import { expect, test } from "@playwright/test";
import { signInAndLand } from "../helpers";

// The server for this project runs like `npm run demo`: no DATABASE_URL, PGlite in a new
// data directory, migrated and seeded at start.
test("the embedded defaults come up healthy with demo data", async ({ page, request }) => {
  const health = await (await request.get("/api/health")).json();
  expect(health.checks).toMatchObject({ database: "ok", storage: "ok" });
  await signInAndLand(page, "member@demo.test", "/messages");
  await expect(page.getByRole("heading", { name: "Your conversations" })).toBeVisible();
  await expect(page.getByRole("listitem").first()).toBeVisible();
  await page.goto("about:blank"); // no in-flight response of the old session may re-set its cookie
  await page.context().clearCookies();
  await signInAndLand(page, "guide@demo.test", "/console");
  await expect(page.getByRole("table")).toBeVisible();
});
