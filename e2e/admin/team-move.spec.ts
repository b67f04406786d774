/**
 * Issue 9, item 1: a member moved to another concierge team takes her whole history along.
 * She writes on a conversation whose ticket was closed BEFORE the move: the follow-up lands
 * in the new team's queue, and the former team's staff get 404 on the conversation and on
 * her context (and documents), in the browser and in the API.
 *
 * The people are the spec's own (e2e/support/team-move-fixture.ts), never demo members.
 */
import type { Browser, Page } from "@playwright/test";
import { postJson } from "../api/api-helpers";
import { signInAndLand } from "../helpers";
import { expect, test } from "../support/team-move-fixture";

test.describe.configure({ timeout: 150_000 });

async function pageAs(browser: Browser, email: string, landing: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAndLand(page, email, landing);
  return page;
}

test("member moved to another team writes on an old closed conversation: the new team's queue shows it, the old team gets 404", async ({ browser, baseURL, world }) => {
  const { member, closedThread } = world;

  // Before the move the first team reaches her context (a check that the 404s below mean something).
  const oldGuide = await pageAs(browser, world.guideFrom.email, "/console");
  expect((await oldGuide.request.get(`/api/v1/members/${member.id}/context`)).status()).toBe(200);
  expect((await oldGuide.request.get(`/api/v1/threads/${closedThread.id}`)).status()).toBe(200);

  // The admin moves her, through the page.
  const admin = await pageAs(browser, "admin@demo.test", "/admin");
  await admin.goto(`/admin/people?q=${encodeURIComponent(member.name)}`);
  await admin.getByRole("link", { name: member.name, exact: true }).click();
  await expect(admin.getByText(`Now: ${world.from.name}`)).toBeVisible();
  await admin.getByRole("combobox", { name: "Concierge team" }).selectOption({ label: world.to.name });
  await admin.getByRole("button", { name: "Move member", exact: true }).click();
  const dialog = admin.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Move", exact: true }).click();
  await expect(admin.getByText(/Moved: 1 conversation and 0 tickets\./)).toBeVisible();
  await expect(admin.getByText(`Now: ${world.to.name}`)).toBeVisible();

  // She writes on the old, closed conversation.
  const text = `After my move ${Date.now()}`;
  const memberPage = await pageAs(browser, member.email, "/messages");
  await memberPage.goto(`/messages/${closedThread.id}`);
  await expect(memberPage.getByText("Can I get a new card?")).toBeVisible();
  await memberPage.getByLabel("Message", { exact: true }).fill(text);
  await memberPage.getByLabel("Message", { exact: true }).press("Enter");
  await expect(memberPage.getByTestId("message").filter({ hasText: text })).toContainText("Sent");

  // The new team's queue shows the follow-up; its guide opens the conversation.
  const newGuide = await pageAs(browser, world.guideTo.email, "/console");
  const row = newGuide.getByTestId("queue-row").filter({ hasText: closedThread.subject });
  await expect(row).toBeVisible();
  await expect(row).toContainText(member.name);
  await expect(row).toContainText("New");
  await row.getByRole("link", { name: member.name }).click();
  await expect(newGuide.getByRole("heading", { name: closedThread.subject })).toBeVisible();
  await expect(newGuide.getByTestId("message").filter({ hasText: text })).toBeVisible();
  expect((await newGuide.request.get(`/api/v1/members/${member.id}/context`)).status()).toBe(200);

  // The former team: not in its queue, 404 on the conversation and on her context.
  await oldGuide.goto("/console?view=all");
  await expect(oldGuide.locator("#main")).toBeVisible();
  await expect(oldGuide.locator("#main")).not.toContainText(closedThread.subject);
  expect((await oldGuide.goto(`/console/threads/${closedThread.id}`))?.status()).toBe(404);
  expect(await oldGuide.content()).not.toContain(text);
  for (const path of [`/api/v1/threads/${closedThread.id}`, `/api/v1/threads/${closedThread.id}/messages`, `/api/v1/members/${member.id}/context`]) {
    const res = await oldGuide.request.get(path);
    expect(res.status(), path).toBe(404);
    expect(await res.text(), path).not.toContain(text);
  }
  const tickets = await oldGuide.request.get("/api/v1/tickets?view=all&limit=100");
  expect(tickets.status()).toBe(200);
  expect(await tickets.text()).not.toContain(closedThread.id);
  // Writing there is refused too.
  expect((await postJson(oldGuide, baseURL, `/api/v1/threads/${closedThread.id}/messages`, { body: "Still ours?", clientMessageId: crypto.randomUUID() })).status()).toBe(404);

  // The former team's nurse: her context and documents are 404 as well.
  const oldNurse = await pageAs(browser, world.nurseFrom.email, "/console");
  for (const path of [`/api/v1/members/${member.id}/context`, `/api/v1/members/${member.id}/documents`]) {
    expect((await oldNurse.request.get(path)).status(), path).toBe(404);
  }

  for (const page of [oldGuide, admin, memberPage, newGuide, oldNurse]) await page.context().close();
});
