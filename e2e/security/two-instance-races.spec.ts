/**
 * Issue 9: limits and "one of a kind" rules must hold across app instances, not per process.
 * Two instances on one PostgreSQL (3100 and 3102, playwright.config.ts) share one session
 * secret, so a browser's cookie works on both — as behind a load balancer.
 *  - the failed sign-in budget is one budget, wherever the guesses land (10 wrong passwords
 *    over two instances against a limit of 5 used to get through: the counters lived in memory);
 *  - 20 simultaneous emergency requests for one thread, split over both, give one grant and
 *    spend one of the hourly budget (they used to stack: 5 grants).
 * The people are the spec's own (seeded like the team-move spec), never demo accounts.
 */
import type { Page } from "@playwright/test";
import { queryOne } from "../support/stored-object";
import { expect, test } from "../support/team-move-fixture";
import { demoPassword } from "../helpers";

const instances = ["http://127.0.0.1:3100", "http://127.0.0.1:3102"] as const;

async function signInOn(page: Page, base: string, email: string, password: string) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("the failed sign-in budget is shared by every instance", async ({ page, world }) => {
  const email = world.guideTo.email;
  // Five wrong passwords, alternating instances (3 on one, 2 on the other): under a
  // per-process limit of 5 neither instance would have locked the account.
  for (let i = 0; i < 5; i++) {
    await signInOn(page, instances[i % 2]!, email, `wrong-password-${i}`);
    await expect(page.getByTestId("sign-in-error")).toBeVisible();
  }
  // Now the right password is refused on both: the account's budget is spent everywhere.
  for (const base of instances) {
    await signInOn(page, base, email, demoPassword);
    await expect(page.getByTestId("sign-in-error")).toContainText("Those details did not work");
    expect(new URL(page.url()).pathname).toBe("/sign-in");
  }
  // Another account on the same address is unaffected (the per-address limit is 20).
  await signInOn(page, instances[1], world.guideFrom.email, demoPassword);
  await expect(page).toHaveURL(/\/console$/);
});

test("20 simultaneous emergency requests over two instances give one grant and spend one", async ({ page, world }) => {
  // The guide of the other team asks for the member's conversation (owned by the first team).
  await signInOn(page, instances[0], world.guideTo.email, demoPassword);
  await expect(page).toHaveURL(/\/console$/);
  const reason = `Covering tonight, the member called about a fall ${Date.now().toString(36)}`;
  const path = `/api/v1/threads/${world.closedThread.id}/emergency-access`;
  const answers = await Promise.all(
    Array.from({ length: 20 }, (_, i) => {
      const base = instances[i % 2]!;
      return page.request.post(`${base}${path}`, { headers: { origin: base }, data: { reason } });
    }),
  );
  const statuses = answers.map((a) => a.status());
  // One created it (201), every other answer is the same running grant (200).
  expect(statuses.filter((s) => s === 201)).toHaveLength(1);
  expect(statuses.filter((s) => s === 200)).toHaveLength(19);
  const grants = await Promise.all(answers.map(async (a) => ((await a.json()) as { id: string }).id));
  expect(new Set(grants).size).toBe(1);

  const count = await queryOne<{ open: string; total: string }>(
    `SELECT count(*) FILTER (WHERE ended_at IS NULL AND expires_at > now()) AS open, count(*) AS total
       FROM emergency_accesses WHERE thread_id = $1 AND user_id = $2`,
    [world.closedThread.id, world.guideTo.id],
  );
  expect(count).toEqual({ open: "1", total: "1" });
  const audited = await queryOne<{ n: string }>(
    "SELECT count(*) AS n FROM audit_log WHERE action = 'emergencyAccess.grant' AND actor_id = $1 AND outcome = 'ALLOWED'",
    [world.guideTo.id],
  );
  expect(audited?.n).toBe("1");
});
