// Two-step sign-in for staff, as a person uses it: an administrator creates a staff
// account; its owner sets up an authenticator (this test is the authenticator: it computes
// codes from the key shown on the page), signs in again with password + code, and once
// with a recovery code. The e2e servers run in demo mode, where REQUIRE_STAFF_MFA is off;
// the "required" gate is covered by lib/auth/mfa-gate.integration.test.ts.
import { createHmac, randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { postJson } from "../api/api-helpers";
import { signIn, signInAndLand } from "../helpers";
import { changeOneTimePassword } from "../support/change-password";

/** RFC 6238 with the app's parameters (SHA-1, 6 digits, 30 s), independent of lib/auth/totp.ts. */
function totpCode(base32Secret: string, atMs: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const char of base32Secret.replace(/[\s=]/g, "").toUpperCase()) bits += alphabet.indexOf(char).toString(2).padStart(5, "0");
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(atMs / 30_000)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

/** A code no earlier sign-in used: the next 30-second step's, which the server's ±1 window accepts. */
const freshCode = (secret: string) => totpCode(secret, Date.now() + 30_000);

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

test("a staff member sets up two-step sign-in, then signs in with password and code, or a recovery code once", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);

  // An account of its own, so no other spec's demo user ever needs a code.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAndLand(admin, "admin@demo.test", "/admin");
  const email = `mfa.${randomUUID().slice(0, 8)}@demo.test`;
  const created = await postJson(admin, baseURL, "/api/v1/admin/users", { name: "Tess Twostep", email, role: "CARE_GUIDE" });
  expect(created.status()).toBe(201);
  const { oneTimePassword } = (await created.json()) as { oneTimePassword: string };
  await adminContext.close();

  // First sign-in: the one-time password must be changed before anything else.
  const password = `tess ${randomUUID()}`;
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, oneTimePassword);
  await changeOneTimePassword(page, oneTimePassword, password);
  await expect(page).toHaveURL(/\/console$/);

  // Set up: the key as text, confirmed with a first code.
  await page.goto("/account/two-step");
  await expect(page.getByRole("heading", { name: "Two-step sign-in", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Set up two-step sign-in" }).click();
  const secret = ((await page.getByTestId("mfa-secret").textContent()) ?? "").replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  await page.getByText("Set-up link (otpauth://)").click();
  await expect(page.getByTestId("mfa-otpauth-uri")).toContainText(`secret=${secret}`);

  await page.getByLabel("Authentication code", { exact: true }).fill("000000" === totpCode(secret, Date.now()) ? "111111" : "000000");
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(page.getByText("That code did not work")).toBeVisible();

  await page.getByLabel("Authentication code", { exact: true }).fill(totpCode(secret, Date.now()));
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  const codes = page.getByTestId("recovery-codes").getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recoveryCode = ((await codes.nth(0).textContent()) ?? "").trim();
  expect(recoveryCode).toMatch(/^[0-9a-z]{4}(-[0-9a-z]{4}){3}$/);

  // Setting it up ended every session, this one too: sign in again.
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);
  await page.getByRole("button", { name: /sign in again/ }).click();
  await expect(page).toHaveURL(/\/sign-in\?reason=mfa/);

  // A wrong password never reaches the code step.
  await signIn(page, email, "not-the-password");
  await expect(page.getByTestId("sign-in-error")).toContainText("Those details did not work");
  await expect(page.getByLabel("Authentication code")).toHaveCount(0);

  // The right password asks for the code; no session yet.
  await signIn(page, email, password);
  const codeField = page.getByLabel("Authentication code");
  await expect(codeField).toBeVisible();
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);

  // A wrong code: the one generic message, still no session.
  await codeField.fill("000000" === freshCode(secret) ? "111111" : "000000");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("sign-in-error")).toContainText("Those details did not work");
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);

  // The right code signs in.
  await codeField.fill(freshCode(secret));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/console$/);
  await expect(page.getByTestId("signed-in-name")).toHaveText("Tess Twostep");

  // The set-up page now shows it on.
  await page.goto("/account/two-step");
  await expect(page.getByTestId("mfa-on")).toBeVisible();
  await expect(page.getByTestId("mfa-recovery-remaining")).toHaveText("10");
  await signOut(page);

  // A recovery code works instead of a code — once.
  await signIn(page, email, password);
  await page.getByLabel("Authentication code").fill(recoveryCode);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/console$/);
  await page.goto("/account/two-step");
  await expect(page.getByTestId("mfa-recovery-remaining")).toHaveText("9");
  await signOut(page);

  await signIn(page, email, password);
  await page.getByLabel("Authentication code").fill(recoveryCode);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("sign-in-error")).toContainText("Those details did not work");
  await expect(page).toHaveURL(/\/sign-in/);
  await context.close();
});

test("members are not offered two-step sign-in: the set-up page is a 404 for them", async ({ page }) => {
  await signInAndLand(page, "member@demo.test", "/messages");
  const response = await page.goto("/account/two-step");
  expect(response?.status()).toBe(404);
});
