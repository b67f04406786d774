/**
 * Realtime across two app instances sharing one PostgreSQL (playwright.config.ts: 3100 = A,
 * 3102 = B). The member uses A; the Sunrise guide and Harbor's guide2 use B. Nothing is
 * reloaded: what appears, appears through the event stream (docs/realtime.md).
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signInAndLand, uniqueSubject } from "../helpers";

test.describe.configure({ timeout: 180_000 });

const instanceA = "http://127.0.0.1:3100";
const instanceB = "http://127.0.0.1:3102";

type Recorded = { type: string; id: string; data: Record<string, unknown> };
const recordedTypes = ["ready", "resync", "message.created", "thread.created", "ticket.created", "ticket.updated", "mention.created", "collaborator.removed", "attachment.scanned", "read", "typing"];

async function userOn(browser: Browser, baseURL: string, email: string, landing: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signInAndLand(page, email, landing);
  return page;
}

/** A second EventSource in the page that records every event (the app's own stream keeps running). */
async function record(page: Page, lastEventId: string | null = null) {
  // Counted before the stream opens: its "ready" may arrive before the next line runs.
  const before = (await events(page)).filter((e) => e.type === "ready" || e.type === "resync").length;
  await page.evaluate(
    ({ last, types }) => {
      const w = window as unknown as { __rec?: EventSource; __events?: Recorded[] };
      w.__rec?.close();
      w.__events ??= [];
      const es = new EventSource(`/api/v1/events${last ? `?lastEventId=${last}` : ""}`);
      for (const type of types) {
        es.addEventListener(type, (e) => {
          const m = e as MessageEvent<string>;
          w.__events!.push({ type, id: m.lastEventId, data: JSON.parse(m.data) as Record<string, unknown> });
        });
      }
      w.__rec = es;
    },
    { last: lastEventId, types: recordedTypes },
  );
  await expect.poll(async () => (await events(page)).filter((e) => e.type === "ready" || e.type === "resync").length).toBeGreaterThan(before);
}

async function events(page: Page): Promise<Recorded[]> {
  return page.evaluate(() => (window as unknown as { __events?: Recorded[] }).__events ?? []);
}

async function stopRecording(page: Page) {
  await page.evaluate(() => (window as unknown as { __rec?: EventSource }).__rec?.close());
}

test("a member on instance A, the Sunrise guide on instance B: queue, thread, replay, typing, Seen — and Harbor hears nothing", async ({ browser }) => {
  const subject = uniqueSubject("Realtime across instances");

  const guide2 = await userOn(browser, instanceB, "guide2@demo.test", "/console");
  await record(guide2);
  const guide = await userOn(browser, instanceB, "guide@demo.test", "/console");
  const member = await userOn(browser, instanceA, "member@demo.test", "/messages");

  // 1. The member starts a conversation on A; the ticket appears in B's queue, no reload.
  await member.getByRole("link", { name: "New conversation" }).click();
  await member.getByLabel("Subject").fill(subject);
  await member.getByLabel("Message", { exact: true }).fill("First message, sent through instance A.");
  await member.getByRole("button", { name: "Send" }).click();
  await expect(member).toHaveURL(/\/messages\/[0-9a-f-]{36}$/);
  const threadId = member.url().split("/").pop()!;
  const row = guide.getByTestId("queue-row").filter({ hasText: subject });
  await expect(row).toBeVisible({ timeout: 5_000 });

  // 2. The guide opens it; the member writes again; the message appears in the open thread.
  await row.getByRole("link").first().click();
  await expect(guide.getByRole("heading", { name: subject })).toBeVisible();
  await record(guide);
  await member.getByLabel("Message", { exact: true }).fill("Second message, live on B.");
  await member.getByLabel("Message", { exact: true }).press("Enter");
  await expect(guide.getByTestId("message").filter({ hasText: "Second message, live on B." })).toBeVisible({ timeout: 5_000 });

  // 3. "Seen": the guide has the thread open, so their client read the new message.
  const secondOnMember = member.getByTestId("message").filter({ hasText: "Second message, live on B." });
  await expect(secondOnMember.getByTestId("delivery-state")).toHaveText("Seen", { timeout: 10_000 });

  // 4. The guide's stream is cut; three messages are sent meanwhile; it resumes with its last id.
  await expect.poll(async () => (await events(guide)).some((e) => e.type === "message.created" && e.data.threadId === threadId)).toBe(true);
  await stopRecording(guide);
  const seen = await events(guide);
  const lastId = [...seen].reverse().find((e) => e.id !== "")!.id;
  for (const n of [1, 2, 3]) {
    await member.getByLabel("Message", { exact: true }).fill(`Missed message ${n}`);
    await member.getByLabel("Message", { exact: true }).press("Enter");
    await expect(member.getByTestId("message").filter({ hasText: `Missed message ${n}` })).toContainText(/Sent|Seen/);
  }
  await record(guide, lastId);
  const resumedFrom = seen.length;
  await expect
    .poll(async () => (await events(guide)).slice(resumedFrom).filter((e) => e.type === "message.created" && e.data.threadId === threadId).length)
    .toBe(3);
  const resumed = (await events(guide)).slice(resumedFrom).filter((e) => e.id !== "");
  // Every missed event once: unique ids, all after the resume point, in order.
  const ids = resumed.map((e) => BigInt(e.id));
  expect(new Set(ids.map(String)).size).toBe(ids.length);
  expect(ids.every((id) => id >= BigInt(lastId))).toBe(true);
  expect([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(ids);
  const missedIds = resumed.filter((e) => e.type === "message.created" && e.data.threadId === threadId).map((e) => e.data.messageId);
  expect(new Set(missedIds).size).toBe(3);
  // And the app's own stream delivered them too: the open thread shows them without a reload.
  await expect(guide.getByTestId("message").filter({ hasText: "Missed message 3" })).toBeVisible();

  // 5. Typing: a reply shows "Your care team is typing…" to the member; an internal note never emits typing.
  await record(member);
  const indicator = member.getByTestId("typing-indicator");
  await guide.getByLabel("Message", { exact: true }).pressSequentially("Let me check", { delay: 50 });
  await expect(indicator).toHaveText("Your care team is typing…", { timeout: 5_000 });
  await expect(indicator).toHaveText("", { timeout: 10_000 });
  // Switch to an internal note first, then clear and type: nothing in note mode announces typing.
  await guide.getByText("Internal note", { exact: true }).click();
  await guide.getByLabel("Message", { exact: true }).fill("");
  await guide.waitForTimeout(1_000);
  const typingBefore = (await events(member)).filter((e) => e.type === "typing").length;
  expect(typingBefore).toBeGreaterThan(0);
  await guide.getByLabel("Message", { exact: true }).pressSequentially("Note only the team sees", { delay: 120 });
  await guide.waitForTimeout(3_500);
  expect((await events(member)).filter((e) => e.type === "typing").length).toBe(typingBefore);
  await expect(indicator).toHaveText("");
  // The guide's colleagues' streams carried no typing for the note either: only the member is checked here,
  // the server's side is the integration test's.
  await guide.getByRole("button", { name: "Send" }).click();
  await expect(guide.getByTestId("message").filter({ hasText: "Note only the team sees" })).toBeVisible();

  // 6. Harbor's guide2, connected to B the whole time, never received anything about this thread.
  const harbor = await events(guide2);
  expect(harbor.some((e) => e.type === "ready")).toBe(true);
  expect(harbor.filter((e) => e.data.threadId === threadId)).toEqual([]);
  expect(harbor.filter((e) => e.type !== "ready" && e.type !== "resync").every((e) => e.data.threadId !== threadId)).toBe(true);
  // The member never received the note, a ticket event or a typing event for it.
  const memberEvents = await events(member);
  expect(memberEvents.some((e) => e.type.startsWith("ticket."))).toBe(false);
  expect(memberEvents.some((e) => e.type === "message.created" && e.data.visibility === "internal")).toBe(false);
});

test("guide2's stream carries no Sunrise event over a run of sends", async ({ browser }) => {
  const guide2 = await userOn(browser, instanceB, "guide2@demo.test", "/console");
  await record(guide2);
  const member = await userOn(browser, instanceA, "member2@demo.test", "/messages");
  const guide = await userOn(browser, instanceA, "guide@demo.test", "/console");
  await record(guide);
  const threads: string[] = [];
  for (let i = 0; i < 3; i++) {
    await member.goto("/messages/new");
    await member.getByLabel("Subject").fill(uniqueSubject(`Sunrise run ${i}`));
    await member.getByLabel("Message", { exact: true }).fill(`Run message ${i}`);
    await member.getByRole("button", { name: "Send" }).click();
    await expect(member).toHaveURL(/\/messages\/[0-9a-f-]{36}$/);
    threads.push(member.url().split("/").pop()!);
    for (let j = 0; j < 3; j++) {
      await member.getByLabel("Message", { exact: true }).fill(`Follow-up ${i}.${j}`);
      await member.getByLabel("Message", { exact: true }).press("Enter");
      await expect(member.getByTestId("message").filter({ hasText: `Follow-up ${i}.${j}` })).toContainText(/Sent|Seen/);
    }
  }
  // The Sunrise guide (on the other instance) heard all of it, so the events were out there…
  await expect
    .poll(async () => new Set((await events(guide)).filter((e) => e.type === "message.created").map((e) => e.data.threadId)).size, { timeout: 10_000 })
    .toBeGreaterThanOrEqual(3);
  // Delivery is asynchronous: the last follow-up's event may still be on its way when the poll above is satisfied.
  for (const t of threads) {
    await expect
      .poll(async () => (await events(guide)).filter((e) => e.type === "message.created" && e.data.threadId === t).length, { timeout: 10_000 })
      .toBe(4);
  }
  // …and Harbor's guide2 heard none of it.
  const harbor = await events(guide2);
  expect(harbor.filter((e) => threads.includes(String(e.data.threadId)))).toEqual([]);
});
