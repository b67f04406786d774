import { expect, test } from "@playwright/test";
import { signIn, signInAndLand } from "../helpers";

const landings = [
  ["member@demo.test", "/messages", "Maya Patel"],
  ["member3@demo.test", "/messages", "Lena Fischer"],
  ["guide@demo.test", "/console", "Gabriel Ortiz"],
  ["guide.b@demo.test", "/console", "Bea Lindqvist"],
  ["nurse@demo.test", "/console", "Nora Haddad"],
  ["guide2@demo.test", "/console", "Hugo Mensah"],
  ["doctor@demo.test", "/console", "Dr. Priya Raman"],
  ["admin@demo.test", "/admin", "Alex Admin"],
  ["compliance@demo.test", "/admin", "Casey Compliance"],
] as const;

test.describe("sign-in and role-based landing", () => {
  for (const [email, path, name] of landings) {
    test(`${email} lands on ${path}`, async ({ page }) => {
      await signInAndLand(page, email, path);
      await expect(page.getByTestId("signed-in-name")).toHaveText(name);
    });
  }

  test("a wrong password gives the one generic message and no session", async ({ page }) => {
    await signIn(page, "guide@demo.test", "wrong-password");
    await expect(page.getByTestId("sign-in-error")).toContainText("Those details did not work");
    await expect(page).toHaveURL(/\/sign-in/);
    const me = await page.request.get("/api/v1/me");
    expect(me.status()).toBe(401);
  });

  test("an unknown account gets exactly the same message", async ({ page }) => {
    await signIn(page, "nobody@demo.test", "whatever-password");
    await expect(page.getByTestId("sign-in-error")).toContainText("Those details did not work");
  });

  test("sign-out ends the session, on the server too", async ({ page, context }) => {
    await signInAndLand(page, "member2@demo.test", "/messages");
    const copied = (await context.cookies()).find((c) => c.name.includes("concierge.session"));
    expect(copied).toBeDefined();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    expect((await page.request.get("/api/v1/me")).status()).toBe(401);
    await page.goto("/messages");
    await expect(page).toHaveURL(/\/sign-in/);
    // A copy of the old cookie is worthless after sign-out.
    await context.addCookies([copied!]);
    expect((await page.request.get("/api/v1/me")).status()).toBe(401);
  });

  test("the sign-in form is usable by keyboard alone", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").focus();
    await page.keyboard.type("member@demo.test");
    await page.keyboard.press("Tab");
    await page.keyboard.type("demo-password");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/messages$/);
  });
});
