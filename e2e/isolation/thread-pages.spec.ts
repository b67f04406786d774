import { expect, test, type Page } from "@playwright/test";
import { asUser } from "../helpers";

test.describe.configure({ timeout: 120_000 });

type Threads = { items: { id: string; subject: string | null; teamId: string | null }[] };

async function threadsOf(page: Page): Promise<Threads["items"]> {
  return ((await (await page.request.get("/api/v1/threads?limit=100")).json()) as Threads).items;
}

/** The whole page must be the plain 404 page and carry none of the thread's content. */
async function expectNothing(page: Page, path: string, secrets: string[]) {
  const response = await page.goto(path);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  const html = await page.content();
  for (const s of secrets) expect(html).not.toContain(s);
}

test("other members and other teams get a plain 404 for a thread page", async ({ browser }) => {
  const owner = await asUser(browser, "member@demo.test", "/messages");
  const mine = await threadsOf(owner);
  const thread = mine.find((t) => t.subject);
  expect(thread).toBeDefined();
  const secrets = [thread!.subject!];

  const member2 = await asUser(browser, "member2@demo.test", "/messages");
  await expectNothing(member2, `/messages/${thread!.id}`, secrets);
  expect((await member2.request.get(`/api/v1/threads/${thread!.id}`)).status()).toBe(404);

  const harbor = await asUser(browser, "guide2@demo.test", "/console");
  await expectNothing(harbor, `/console/threads/${thread!.id}`, secrets);

  const admin = await asUser(browser, "admin@demo.test", "/admin");
  await expectNothing(admin, `/console/threads/${thread!.id}`, secrets);
});

test("concierge staff get a plain 404 for a virtual primary care thread", async ({ browser }) => {
  const doctor = await asUser(browser, "doctor@demo.test", "/console");
  const vpc = (await threadsOf(doctor)).find((t) => t.subject);
  expect(vpc).toBeDefined();
  const guide = await asUser(browser, "guide@demo.test", "/console");
  await expectNothing(guide, `/console/threads/${vpc!.id}`, [vpc!.subject!]);
  const nurse = await asUser(browser, "nurse@demo.test", "/console");
  await expectNothing(nurse, `/console/threads/${vpc!.id}`, [vpc!.subject!]);
  // The physician opens it.
  await doctor.goto(`/console/threads/${vpc!.id}`);
  await expect(doctor.getByRole("heading", { name: vpc!.subject! })).toBeVisible();
});
