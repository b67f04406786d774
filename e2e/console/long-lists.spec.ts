/**
 * Issue 10, item 3: long threads and big queues. A thread of 150 messages opens at its newest
 * message; scrolling up (or the "Load earlier messages" button) loads the older pages without
 * moving the reader's place; "Seen", live messages and sends keep working with older pages
 * loaded. The queue of 150 open tickets and the member's 151 conversations reach their last
 * row. Every test seeds its own team, guide and member (e2e/support/long-lists-fixture.ts).
 */
import { asUser } from "../helpers";
import { expect, longCount, nth, test } from "../support/long-lists-fixture";

test.describe.configure({ timeout: 120_000 });

const body = (i: number) => `Long thread message ${nth(i)}`;

test("a 150-message thread opens at the newest; scrolling up loads older pages without a jump, the button loads the oldest", async ({ browser, world }) => {
  const guide = await asUser(browser, world.guide.email, "/console");
  // Slow the older pages a little, so their loading status can be seen.
  await guide.route(/\/api\/v1\/threads\/[^/]+\/messages\?.*before=/, async (route) => {
    await new Promise((r) => setTimeout(r, 400));
    await route.continue();
  });
  await guide.goto(`/console/threads/${world.longThread.id}`);
  const messages = guide.getByTestId("message");
  await expect(messages.filter({ hasText: body(longCount) })).toBeInViewport();
  await expect(messages).toHaveCount(50);
  await expect(messages.first()).toContainText(body(101));
  await expect(messages.filter({ hasText: body(1) })).toHaveCount(0);

  // Scroll the conversation to its top: the next older page loads…
  await messages.filter({ hasText: body(110) }).hover();
  for (let i = 0; i < 10 && !(await guide.getByText("Loading earlier messages…").isVisible()); i++) await guide.mouse.wheel(0, -4000);
  await expect(guide.getByText("Loading earlier messages…")).toBeVisible();
  await expect(messages).toHaveCount(100);
  await expect(messages.first()).toContainText(body(51));
  // …and the message that was on top is still in view (no jump to the top of the new page).
  await expect(messages.filter({ hasText: body(101) })).toBeInViewport();
  await expect(messages.filter({ hasText: body(51) })).not.toBeInViewport();

  // The keyboard way: the button loads the oldest page.
  // (The top of the conversation may come into view and load it on its own first: the
  // button can vanish at any moment, so never wait on it.)
  const button = guide.getByRole("button", { name: "Load earlier messages" });
  await expect(async () => {
    const focused = await button.focus({ timeout: 2_000 }).then(() => true, () => false);
    if (focused) await guide.keyboard.press("Enter");
    await expect(messages).toHaveCount(longCount, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(messages.first()).toContainText(body(1));
  await expect(guide.getByTestId("thread-start")).toHaveText("Start of the conversation");
  await expect(button).toHaveCount(0);
});

test("on a 150-message thread, Seen, live messages and sends keep working with older pages loaded", async ({ browser, world }) => {
  const member = await asUser(browser, world.member.email, "/messages");
  await member.goto(`/messages/${world.longThread.id}`);
  const messages = member.getByTestId("message");
  const newestOwn = messages.filter({ hasText: body(longCount) });
  await expect(newestOwn).toBeInViewport();
  await expect(newestOwn.getByTestId("delivery-state")).toHaveText("Sent");

  // Older pages with the button (keyboard), twice: all 150.
  const button = member.getByRole("button", { name: "Load earlier messages" });
  await button.focus();
  await member.keyboard.press("Enter");
  await expect(messages).toHaveCount(100);
  await button.focus();
  await member.keyboard.press("Enter");
  await expect(messages).toHaveCount(longCount);

  // The guide opens the thread (its newest page): the member sees "Seen" on her newest message.
  const guide = await asUser(browser, world.guide.email, "/console");
  await guide.goto(`/console/threads/${world.longThread.id}`);
  await expect(guide.getByTestId("message").filter({ hasText: body(longCount) })).toBeVisible();
  await expect(newestOwn.getByTestId("delivery-state")).toHaveText("Seen", { timeout: 15_000 });

  // The member sends with every page loaded: it lands at the end, on both sides.
  const text = `After 150 messages ${world.tag}`;
  await member.getByLabel("Message", { exact: true }).fill(text);
  await member.getByRole("button", { name: "Send" }).click();
  await expect(messages.last()).toContainText(text);
  await expect(messages.last().getByTestId("delivery-state")).toHaveText(/Sent|Seen/);
  await expect(messages.filter({ hasText: text })).toHaveCount(1);
  // The guide's open thread gets it live, at the end of its newest page.
  await expect(guide.getByTestId("message").last()).toContainText(text, { timeout: 15_000 });
});

test("the queue of 150 open tickets reaches the last one, with the true total shown", async ({ browser, world }) => {
  const guide = await asUser(browser, world.guide.email, "/console");
  const rows = guide.getByTestId("queue-row");
  // A page is 100 tickets (lib/api/query-keys.ts queuePageSize).
  await expect(rows).toHaveCount(100);
  await expect(rows.first()).toContainText(world.queueSubjects[0]!);
  await expect(guide.getByRole("link", { name: /All open/ })).toContainText(String(longCount));
  const status = guide.getByTestId("load-more").getByRole("status");
  await expect(status).toHaveText(`Showing 100 of ${longCount} tickets.`);
  await expect(guide.getByRole("button", { name: "Load more" })).toBeVisible();

  // Scrolling to the end loads the rest.
  await guide.getByTestId("load-more").scrollIntoViewIfNeeded();
  await expect(rows).toHaveCount(longCount);
  await expect(rows.last()).toContainText(world.queueSubjects[longCount - 1]!);
  await expect(status).toHaveText(`Showing ${longCount} of ${longCount} tickets.`);
  await expect(guide.getByRole("button", { name: "Load more" })).toHaveCount(0);
  // Each ticket once.
  const texts = await rows.allTextContents();
  expect(world.queueSubjects.every((s) => texts.filter((t) => t.includes(s)).length === 1)).toBe(true);
});

test("the queue's Load more button reaches the last ticket too", async ({ browser, world }) => {
  const guide = await asUser(browser, world.guide.email, "/console");
  const rows = guide.getByTestId("queue-row");
  await expect(rows).toHaveCount(100);
  // The keyboard way. Focusing brings the end into view, which may start the load first; either way the rest arrives once.
  await guide.getByRole("button", { name: "Load more" }).focus();
  await guide.keyboard.press("Enter");
  await expect(rows).toHaveCount(longCount);
  await expect(rows.last()).toContainText(world.queueSubjects[longCount - 1]!);
});

test("the member's 151 conversations reach the oldest", async ({ browser, world }) => {
  const member = await asUser(browser, world.member.email, "/messages");
  const rows = member.getByTestId("conversation-row");
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toContainText(world.longThread.subject);
  // Click "Load more" while it is there. Scrolling the end into view loads pages on its own
  // too, so the button can vanish between seeing it and clicking it: never wait on a click.
  const more = member.getByRole("button", { name: "Load more" });
  await expect(async () => {
    if (await more.isVisible()) await more.click({ timeout: 2_000 }).catch(() => undefined);
    await expect(rows).toHaveCount(longCount + 1, { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await expect(rows.last()).toContainText(world.queueSubjects[0]!);
});

test("the messages API pages back through all 150 once; another team's guide gets 404 on a paged call too", async ({ browser, world }) => {
  const guide = await asUser(browser, world.guide.email, "/console");
  const path = `/api/v1/threads/${world.longThread.id}/messages`;
  const seen: string[] = [];
  let before: string | null = null;
  let firstCursor: string | null = null;
  for (let pages = 0; pages < 10; pages++) {
    const response = await guide.request.get(`${path}?limit=40${before ? `&before=${encodeURIComponent(before)}` : ""}`);
    expect(response.status()).toBe(200);
    const page = (await response.json()) as { items: { body: string }[]; nextCursor: string | null };
    seen.unshift(...page.items.map((m) => m.body));
    firstCursor ??= page.nextCursor;
    before = page.nextCursor;
    if (!before) break;
  }
  expect(seen).toEqual(Array.from({ length: longCount }, (_, i) => body(i + 1)));

  const outsider = await asUser(browser, "guide@demo.test", "/console");
  const denied = await outsider.request.get(`${path}?before=${encodeURIComponent(firstCursor!)}`);
  expect(denied.status()).toBe(404);
  expect(await denied.text()).not.toContain("Long thread message");
  expect((await outsider.request.get(`${path}?before=not-a-cursor`)).status()).toBe(400);
});
