/**
 * API v1 isolation: records outside the caller's scope answer 404 and give nothing away —
 * also for roles that may never reach such records (their scope is empty); collections a
 * role may not use at all answer 403 with no content; the member context carries only
 * the fields the caller's role is granted. Ids are obtained as the owner first, then the
 * browser context switches users.
 */
import { expect, test, type Page } from "@playwright/test";
import { createThread, expectNothing, expectProblem, marker, newClientMessageId, patchJson, postJson, signInAs, type Message, type Thread } from "./api-helpers";

test.describe.configure({ timeout: 120_000 });

type Me = { id: string; name: string };
type MemberContext = { id: string; fields: string[] } & Record<string, unknown>;

/** As the signed-in member: their thread on the Virtual Primary Care channel (demo data). */
async function findVirtualPrimaryCareThread(page: Page): Promise<Thread> {
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?limit=100&cursor=${encodeURIComponent(cursor)}` : "?limit=100";
    const res = await page.request.get(`/api/v1/threads${query}`);
    expect(res.status()).toBe(200);
    const page_ = (await res.json()) as { items: Thread[]; nextCursor: string | null };
    const found = page_.items.find((t) => t.subject === "Question about my cholesterol results");
    if (found) return found;
    cursor = page_.nextCursor;
  } while (cursor);
  throw new Error("the demo's Virtual Primary Care thread of member@demo.test was not found");
}

test.describe("API v1 isolation", () => {
  test("another member gets 404 for a member's thread and messages, and learns nothing", async ({ page, baseURL }) => {
    await signInAs(page, "member@demo.test");
    const { thread, subject, body } = await createThread(page, baseURL);

    await signInAs(page, "member2@demo.test");
    await expectNothing(await page.request.get(`/api/v1/threads/${thread.id}`), 404, [subject, body]);
    await expectNothing(await page.request.get(`/api/v1/threads/${thread.id}/messages`), 404, [subject, body]);
    const intruding = marker("Intruder");
    await expectNothing(await postJson(page, baseURL, `/api/v1/threads/${thread.id}/messages`, { body: intruding, clientMessageId: newClientMessageId() }), 404, [subject, body]);
    // The same answer as for an id that does not exist at all.
    const none = await page.request.get("/api/v1/threads/00000000-0000-4000-8000-000000000000");
    const other = await page.request.get(`/api/v1/threads/${thread.id}`);
    expect(await other.json()).toEqual(await none.json());

    const list = (await (await page.request.get("/api/v1/threads?limit=100")).json()) as { items: Thread[] };
    expect(list.items.some((t) => t.id === thread.id)).toBe(false);

    // The intruder's message was not stored.
    await signInAs(page, "member@demo.test");
    const messages = (await (await page.request.get(`/api/v1/threads/${thread.id}/messages`)).json()) as { items: Message[] };
    expect(messages.items.some((m) => m.body === intruding)).toBe(false);
  });

  test("Harbor's care guide gets 404 for a Sunrise thread, its ticket and its member", async ({ page, baseURL }) => {
    await signInAs(page, "member@demo.test");
    const me = (await (await page.request.get("/api/v1/me")).json()) as Me;
    const { thread, subject, body } = await createThread(page, baseURL);
    expect(thread.ticket).not.toBeNull();
    const ticketId = thread.ticket!.id;

    await signInAs(page, "guide2@demo.test");
    const secrets = [subject, body, me.name];
    await expectNothing(await page.request.get(`/api/v1/threads/${thread.id}`), 404, secrets);
    await expectNothing(await page.request.get(`/api/v1/threads/${thread.id}/messages`), 404, secrets);
    await expectNothing(await page.request.get(`/api/v1/tickets/${ticketId}`), 404, secrets);
    await expectNothing(await patchJson(page, baseURL, `/api/v1/tickets/${ticketId}`, { status: "OPEN" }), 404, secrets);
    await expectNothing(await page.request.get(`/api/v1/members/${me.id}/context`), 404, secrets);

    const queue = (await (await page.request.get("/api/v1/tickets?view=all&limit=200")).json()) as { items: { id: string }[] };
    expect(queue.items.some((t) => t.id === ticketId)).toBe(false);
  });

  test("Sunrise's care guide gets 404 for the member's Virtual Primary Care thread", async ({ page }) => {
    await signInAs(page, "member@demo.test");
    const vpc = await findVirtualPrimaryCareThread(page);
    expect(vpc.ticket).not.toBeNull();

    await signInAs(page, "guide@demo.test");
    const secrets = ["cholesterol", "LDL"];
    await expectNothing(await page.request.get(`/api/v1/threads/${vpc.id}`), 404, secrets);
    await expectNothing(await page.request.get(`/api/v1/threads/${vpc.id}/messages`), 404, secrets);
    await expectNothing(await page.request.get(`/api/v1/tickets/${vpc.ticket!.id}`), 404, secrets);
  });

  test("an admin gets 404 for any conversation, ticket or member, 403 for the collections, and no content", async ({ page, baseURL }) => {
    await signInAs(page, "member@demo.test");
    const me = (await (await page.request.get("/api/v1/me")).json()) as Me;
    const { thread, subject, body } = await createThread(page, baseURL);

    await signInAs(page, "admin@demo.test");
    const secrets = [subject, body, me.name];
    await expectNothing(await page.request.get("/api/v1/threads"), 403, secrets);
    await expectNothing(await page.request.get(`/api/v1/threads/${thread.id}`), 404, secrets);
    await expectNothing(await page.request.get(`/api/v1/threads/${thread.id}/messages`), 404, secrets);
    await expectNothing(await page.request.get("/api/v1/tickets"), 403, secrets);
    await expectNothing(await page.request.get(`/api/v1/tickets/${thread.ticket!.id}`), 404, secrets);
    await expectNothing(await page.request.get(`/api/v1/members/${me.id}/context`), 404, secrets);
    await expectNothing(await postJson(page, baseURL, "/api/v1/threads", { body: "hello", clientMessageId: newClientMessageId() }), 403, secrets);
  });

  test("a member gets 403 from the queue and 404 for tickets and member context", async ({ page, baseURL }) => {
    await signInAs(page, "member@demo.test");
    const me = (await (await page.request.get("/api/v1/me")).json()) as Me;
    const { thread } = await createThread(page, baseURL);
    await expectProblem(await page.request.get("/api/v1/tickets"), 403);
    await expectProblem(await page.request.get(`/api/v1/tickets/${thread.ticket!.id}`), 404);
    await expectProblem(await patchJson(page, baseURL, `/api/v1/tickets/${thread.ticket!.id}`, { status: "SOLVED" }), 404);
    await expectProblem(await page.request.get(`/api/v1/members/${me.id}/context`), 404);
    // Nor can a member write an internal note on their own thread.
    const note = await postJson(page, baseURL, `/api/v1/threads/${thread.id}/messages`, { body: "note", clientMessageId: newClientMessageId(), visibility: "internal" });
    expect(note.status()).toBe(403);
  });

  test("the member context carries only the fields the role is granted", async ({ page }) => {
    await signInAs(page, "member@demo.test");
    const me = (await (await page.request.get("/api/v1/me")).json()) as Me;

    await signInAs(page, "guide@demo.test");
    const asGuideRes = await page.request.get(`/api/v1/members/${me.id}/context`);
    expect(asGuideRes.status(), await asGuideRes.text()).toBe(200);
    expect(asGuideRes.headers()["cache-control"]).toContain("no-store");
    const asGuide = (await asGuideRes.json()) as MemberContext;
    expect(asGuide.id).toBe(me.id);
    expect(asGuide).toHaveProperty("plan");
    expect(asGuide).toHaveProperty("address");
    expect(asGuide).not.toHaveProperty("healthTags");
    expect(Object.keys(asGuide).filter((k) => k !== "id" && k !== "fields").sort()).toEqual([...asGuide.fields].sort());

    await signInAs(page, "nurse@demo.test");
    const asNurseRes = await page.request.get(`/api/v1/members/${me.id}/context`);
    expect(asNurseRes.status(), await asNurseRes.text()).toBe(200);
    const asNurse = (await asNurseRes.json()) as MemberContext;
    expect(asNurse).toHaveProperty("healthTags");
    expect(asNurse).not.toHaveProperty("address");
    expect(asNurse).not.toHaveProperty("deductible");
    expect(Object.keys(asNurse).filter((k) => k !== "id" && k !== "fields").sort()).toEqual([...asNurse.fields].sort());
  });
});
