/**
 * Break-the-glass end to end (docs/emergency-access.md): a Harbor care guide opens a Sunrise
 * member's conversation with a reason, sees the banner, loses it when it expires, and
 * compliance reviews it. Expiry is simulated in the run's database (e2e/support).
 */
import { expect, test, type Page } from "@playwright/test";
import { signInAndLand } from "../helpers";
import { createThread, expectProblem, marker, postJson, signInAs, type Thread } from "../api/api-helpers";
import { queryOne } from "../support/stored-object";

test.describe.configure({ timeout: 120_000 });

/** signInAs for accounts api-helpers does not list. */
async function switchTo(page: Page, email: string, landing: string) {
  await page.goto("about:blank"); // no in-flight response of the old session may re-set its cookie
  await page.context().clearCookies();
  await signInAndLand(page, email, landing);
}

async function expectNotFoundPage(page: Page, path: string, secrets: string[]) {
  const response = await page.goto(path);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  const html = await page.content();
  for (const secret of secrets) expect(html).not.toContain(secret);
}

test("a Harbor guide opens a Sunrise conversation with emergency access until it ends; compliance reviews it", async ({ page, baseURL }) => {
  await signInAs(page, "member@demo.test");
  const { thread, subject, body } = await createThread(page, baseURL);
  const threadPath = `/console/threads/${thread.id}`;
  const requestPath = `/api/v1/threads/${thread.id}/emergency-access`;
  const reason = marker("Covering Harbor tonight: member called about chest pain, need the history");

  // Outside his teams: the same 404 page as for any other address, with the request form.
  await signInAs(page, "guide2@demo.test");
  await expectNotFoundPage(page, threadPath, [subject, body]);
  const ask = page.getByRole("button", { name: "Open with emergency access" });
  await ask.click();
  await expect(page.getByRole("alert").filter({ hasText: "Say why you need this conversation now." })).toBeVisible();

  await page.getByLabel("Reason for emergency access").fill(reason);
  await ask.click();
  await expect(page.getByRole("heading", { name: subject })).toBeVisible();
  await expect(page.getByText(body)).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Emergency access" })).toHaveText(
    /^Emergency access — ends at \d{2}:\d{2}; this access is recorded and will be reviewed\.$/,
  );

  const view = (await (await page.request.get(`/api/v1/threads/${thread.id}`)).json()) as Thread & { access: { via: string; expiresAt: string } };
  expect(view.access.via).toBe("emergency");
  expect(Date.parse(view.access.expiresAt)).toBeGreaterThan(Date.now() + 25 * 60_000);
  // Asking again while it runs answers the same grant (200, idempotent: nothing stacked or spent).
  const again = await postJson(page, baseURL, requestPath, { reason });
  expect(again.status()).toBe(200);
  expect(await again.json()).toMatchObject({ threadId: thread.id, expiresAt: view.access.expiresAt });

  // It ends: the next request is a 404 again, page and API alike.
  const ended = await queryOne<{ id: string }>(
    "UPDATE emergency_accesses SET expires_at = now() - interval '1 second' WHERE thread_id = $1 AND expires_at > now() RETURNING id",
    [thread.id],
  );
  expect(ended).not.toBeNull();
  await expectNotFoundPage(page, threadPath, [subject, body]);
  await expectProblem(await page.request.get(`/api/v1/threads/${thread.id}`), 404);
  await expectProblem(await page.request.get(`/api/v1/threads/${thread.id}/messages`), 404);

  // Compliance sees who, whose and why, and marks it reviewed.
  await switchTo(page, "compliance@demo.test", "/admin");
  await page.goto("/admin/emergency-reviews");
  await expect(page.getByRole("heading", { name: "Emergency access reviews" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: reason });
  await expect(row).toContainText("Hugo Mensah");
  await expect(row).toContainText("Care guide");
  await expect(row).toContainText("Maya Patel");
  await expect(row).toContainText(thread.id);
  await row.getByLabel("Review note (optional)").fill("Confirmed with the Harbor lead.");
  await row.getByRole("button", { name: "Mark reviewed" }).click();
  await expect(row).toHaveCount(0); // gone from the "to review" list

  await page.goto("/admin/emergency-reviews?status=all");
  const reviewed = page.getByRole("row").filter({ hasText: reason });
  await expect(reviewed).toContainText("Reviewed by Casey Compliance");
  await expect(reviewed).toContainText("Confirmed with the Harbor lead.");
  const list = (await (await page.request.get("/api/v1/emergency-accesses?status=all")).json()) as { items: { id: string; reason: string; reviewedAt: string | null }[] };
  const item = list.items.find((i) => i.reason === reason);
  expect(item?.reviewedAt).not.toBeNull();
  await expectProblem(await postJson(page, baseURL, `/api/v1/emergency-accesses/${item!.id}/review`, {}), 409);
});

test("members and admins may not break the glass, and only compliance reviews", async ({ page, baseURL }) => {
  await signInAs(page, "member@demo.test");
  const { thread } = await createThread(page, baseURL);
  const reason = "Trying to open a conversation I should not.";
  await expectProblem(await postJson(page, baseURL, `/api/v1/threads/${thread.id}/emergency-access`, { reason }), 404);
  await expectProblem(await page.request.get("/api/v1/emergency-accesses"), 403);

  await signInAs(page, "admin@demo.test");
  await expectProblem(await postJson(page, baseURL, `/api/v1/threads/${thread.id}/emergency-access`, { reason }), 404);
  await expectProblem(await page.request.get("/api/v1/emergency-accesses"), 403);
  expect((await page.goto("/admin/emergency-reviews"))?.status()).toBe(404);

  // Staff may ask, but not review; and a request needs a real reason.
  await signInAs(page, "nurse@demo.test");
  await expectProblem(await page.request.get("/api/v1/emergency-accesses"), 403);
  expect((await page.goto("/admin/emergency-reviews"))?.status()).toBe(404);
  const invalid = await expectProblem(await postJson(page, baseURL, `/api/v1/threads/${thread.id}/emergency-access`, { reason: "now" }), 422);
  expect(invalid.errors).toEqual([{ path: "reason", message: "Say why you need this conversation now." }]);
});
