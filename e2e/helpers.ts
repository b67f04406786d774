import { expect, type Browser, type Page } from "@playwright/test";

export const demoPassword = "demo-password";

export async function signIn(page: Page, email: string, password = demoPassword) {
  for (let attempt = 1; ; attempt++) {
    await page.goto("/sign-in");
    if (new URL(page.url()).pathname === "/sign-in") break;
    // Still signed in as someone else: a response of their last page (a session refresh)
    // landed after the cookies were cleared and put their cookie back. Drop it again.
    if (attempt === 3) throw new Error(`could not reach the sign-in page (still at ${page.url()})`);
    await page.goto("about:blank");
    await page.context().clearCookies();
  }
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAndLand(page: Page, email: string, path: string) {
  await signIn(page, email);
  await expect(page).toHaveURL(new RegExp(`${path}$`));
}

/** A separate browser (own cookies) signed in as `email`. */
export async function asUser(browser: Browser, email: string, landing: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAndLand(page, email, landing);
  return page;
}

/** A subject no other test or demo thread uses. */
export function uniqueSubject(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
