import { expect, test } from "@playwright/test";
import { signIn } from "../helpers";

// Uses an account no other spec signs in with, so the lock-out does not disturb them.
test("repeated failures lock the account: even the right password is refused for a while", async ({ page }) => {
  for (let i = 0; i < 5; i++) {
    await signIn(page, "nurse2@demo.test", `wrong-${i}`);
    await expect(page.getByTestId("sign-in-error")).toBeVisible();
  }
  await signIn(page, "nurse2@demo.test", "demo-password");
  await expect(page.getByTestId("sign-in-error")).toContainText("Those details did not work");
  await expect(page).toHaveURL(/\/sign-in/);
});
