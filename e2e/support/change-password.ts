import { expect, type Page } from "@playwright/test";

/**
 * After signing in with an administrator's one-time password: the app sends the person to
 * change it; this does, and continues to where the app leads next.
 */
export async function changeOneTimePassword(page: Page, oneTimePassword: string, newPassword: string): Promise<void> {
  await expect(page).toHaveURL(/\/account\/password$/);
  await page.getByLabel("One-time password").fill(oneTimePassword);
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("New password again").fill(newPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your password is changed" })).toBeVisible();
  await page.getByRole("link", { name: "Continue to Concierge" }).click();
}
