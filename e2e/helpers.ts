import { expect, type Page } from "@playwright/test";

export const demoPassword = "demo-password";

export async function signIn(page: Page, email: string, password = demoPassword) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAndLand(page: Page, email: string, path: string) {
  await signIn(page, email);
  await expect(page).toHaveURL(new RegExp(`${path}$`));
}
