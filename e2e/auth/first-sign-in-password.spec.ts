// An administrator creates a staff account; its owner signs in with the one-time password,
// is sent to change it (nothing else opens until then), chooses one, and lands in the
// console; the one-time password no longer works. The form's errors are tied to their
// fields.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { postJson } from "../api/api-helpers";
import { signIn, signInAndLand } from "../helpers";
import { changeOneTimePassword } from "../support/change-password";

test("a new staff member must change the one-time password before anything else", async ({ browser, baseURL }) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAndLand(admin, "admin@demo.test", "/admin");
  const email = `first.${randomUUID().slice(0, 8)}@demo.test`;
  const created = await postJson(admin, baseURL, "/api/v1/admin/users", { name: "Fiona First", email, role: "CARE_GUIDE" });
  expect(created.status()).toBe(201);
  const { oneTimePassword } = (await created.json()) as { oneTimePassword: string };
  await adminContext.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, oneTimePassword);
  await expect(page).toHaveURL(/\/account\/password$/);
  await expect(page.getByRole("heading", { name: "Change password" })).toBeVisible();

  // Every other page and API route is closed until the change.
  await page.goto("/console");
  await expect(page).toHaveURL(/\/account\/password$/);
  const me = await page.request.get("/api/v1/me");
  expect(me.status()).toBe(403);
  expect(await me.json()).toMatchObject({ detail: "Change your one-time password first." });

  // A wrong one-time password: the error is tied to its field, which keeps the focus.
  await page.getByLabel("One-time password").fill("not-the-one-time-password");
  await page.getByLabel("New password", { exact: true }).fill("a brand new passphrase");
  await page.getByLabel("New password again").fill("a brand new passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  const current = page.getByLabel("One-time password");
  await expect(current).toHaveAttribute("aria-invalid", "true");
  await expect(current).toBeFocused();
  await expect(page.locator("#currentPassword-error")).toHaveText("That is not your current password.");

  const newPassword = "a brand new passphrase";
  await changeOneTimePassword(page, oneTimePassword, newPassword);
  await expect(page).toHaveURL(/\/console$/);
  expect((await page.request.get("/api/v1/me")).status()).toBe(200);
  await context.close();

  // The one-time password is spent; the new one signs in straight to the console.
  const again = await (await browser.newContext()).newPage();
  await signIn(again, email, oneTimePassword);
  await expect(again.getByTestId("sign-in-error")).toContainText("Those details did not work");
  await signIn(again, email, newPassword);
  await expect(again).toHaveURL(/\/console$/);
});

test("the session cookie ends with the browser unless the person asks to be kept signed in", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAndLand(page, "member@demo.test", "/messages");
  const session = (await context.cookies()).find((c) => c.name.endsWith("concierge.session"));
  expect(session?.expires).toBe(-1); // a browser-session cookie
  await context.close();

  const kept = await browser.newContext();
  const keptPage = await kept.newPage();
  await keptPage.goto("/sign-in");
  await keptPage.getByLabel("Email").fill("member@demo.test");
  await keptPage.getByLabel("Password").fill("demo-password");
  await keptPage.getByLabel("Keep me signed in on this private device").check();
  await keptPage.getByRole("button", { name: "Sign in" }).click();
  await expect(keptPage).toHaveURL(/\/messages$/);
  const remembered = (await kept.cookies()).find((c) => c.name.endsWith("concierge.session"));
  expect(remembered?.expires).toBeGreaterThan(Date.now() / 1000 + 3600);
  await kept.close();
});
