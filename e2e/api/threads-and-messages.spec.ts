import { expect, test } from "@playwright/test";
import {
  createThread,
  expectProblem,
  marker,
  newClientMessageId,
  origin,
  patchJson,
  postJson,
  signInAs,
  type Message,
  type Thread,
} from "./api-helpers";

type Me = { id: string };

test.describe("API v1: threads and messages", () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, "member@demo.test");
  });

  test("POST /threads creates a thread; the same clientMessageId again answers 200 with the originals", async ({ page, baseURL }) => {
    const me = (await (await page.request.get("/api/v1/me")).json()) as Me;
    const subject = marker("Replay subject");
    const body = marker("Replay body");
    const clientMessageId = newClientMessageId();

    const first = await postJson(page, baseURL, "/api/v1/threads", { subject, body, clientMessageId });
    expect(first.status(), await first.text()).toBe(201);
    expect(first.headers()["cache-control"]).toContain("no-store");
    const created = (await first.json()) as { thread: Thread; message: Message };
    expect(created.thread).toMatchObject({ subject, memberId: me.id });
    expect(created.thread.ticket).not.toBeNull();
    expect(created.message).toMatchObject({ threadId: created.thread.id, body, clientMessageId, visibility: "member" });
    expect(first.headers()["location"]).toBe(`/api/v1/threads/${created.thread.id}`);

    const again = await postJson(page, baseURL, "/api/v1/threads", { subject, body, clientMessageId });
    expect(again.status(), await again.text()).toBe(200);
    const replayed = (await again.json()) as { thread: Thread; message: Message };
    expect(replayed.thread.id).toBe(created.thread.id);
    expect(replayed.message.id).toBe(created.message.id);

    const thread = (await (await page.request.get(`/api/v1/threads/${created.thread.id}`)).json()) as Thread;
    expect(thread).toMatchObject({ id: created.thread.id, subject, memberId: me.id });
    const messages = (await (await page.request.get(`/api/v1/threads/${created.thread.id}/messages`)).json()) as { items: Message[]; nextCursor: string | null };
    expect(messages.items.map((m) => m.id)).toEqual([created.message.id]);
    expect(messages.nextCursor).toBeNull();

    const list = (await (await page.request.get("/api/v1/threads?limit=100")).json()) as { items: Thread[]; nextCursor: string | null };
    expect(list.items.filter((t) => t.id === created.thread.id)).toHaveLength(1);
  });

  test("POST /messages: 201, a replay answers 200 with the original, and racing retries store one message", async ({ page, baseURL }) => {
    const { thread } = await createThread(page, baseURL);
    const path = `/api/v1/threads/${thread.id}/messages`;

    const body = marker("Second message");
    const clientMessageId = newClientMessageId();
    const sent = await postJson(page, baseURL, path, { body, clientMessageId });
    expect(sent.status(), await sent.text()).toBe(201);
    const message = (await sent.json()) as Message;
    expect(message).toMatchObject({ threadId: thread.id, body, clientMessageId, visibility: "member" });

    const replay = await postJson(page, baseURL, path, { body, clientMessageId });
    expect(replay.status()).toBe(200);
    expect(((await replay.json()) as Message).id).toBe(message.id);

    // Two retries of one send, in flight at the same time.
    const racedId = newClientMessageId();
    const racedBody = marker("Raced message");
    const [a, b] = await Promise.all([
      postJson(page, baseURL, path, { body: racedBody, clientMessageId: racedId }),
      postJson(page, baseURL, path, { body: racedBody, clientMessageId: racedId }),
    ]);
    expect([a.status(), b.status()].sort()).toEqual([200, 201]);
    const [ma, mb] = [(await a.json()) as Message, (await b.json()) as Message];
    expect(ma.id).toBe(mb.id);

    const list = (await (await page.request.get(path)).json()) as { items: Message[] };
    expect(list.items.filter((m) => m.clientMessageId === racedId)).toHaveLength(1);
    expect(list.items.filter((m) => m.clientMessageId === clientMessageId)).toHaveLength(1);
    expect(list.items).toHaveLength(3);
  });

  test("invalid bodies answer 422 problem+json with errors; unreadable ones 400 or 413", async ({ page, baseURL }) => {
    const { thread } = await createThread(page, baseURL);
    const path = `/api/v1/threads/${thread.id}/messages`;

    const blank = await expectProblem(await postJson(page, baseURL, path, { body: "   ", clientMessageId: newClientMessageId() }), 422);
    expect(blank.errors?.some((e) => e.path === "body" && e.message.length > 0)).toBe(true);

    const tooLong = await expectProblem(await postJson(page, baseURL, path, { body: "a".repeat(10_001), clientMessageId: newClientMessageId() }), 422);
    expect(tooLong.errors?.some((e) => e.path === "body")).toBe(true);
    // The limit itself is allowed.
    expect((await postJson(page, baseURL, path, { body: "a".repeat(10_000), clientMessageId: newClientMessageId() })).status()).toBe(201);

    const unknown = await expectProblem(await postJson(page, baseURL, path, { body: "hello", clientMessageId: newClientMessageId(), threadId: thread.id }), 422);
    expect(unknown.errors?.some((e) => e.path === "threadId")).toBe(true);

    const missing = await expectProblem(await postJson(page, baseURL, path, { body: "hello" }), 422);
    expect(missing.errors?.some((e) => e.path === "clientMessageId")).toBe(true);

    const malformed = await page.request.post(path, {
      headers: { origin: origin(baseURL), "content-type": "application/json" },
      // A Buffer is sent as is; a string would be JSON-encoded by Playwright.
      data: Buffer.from('{"body": "hello", "clientMessageId": '),
    });
    await expectProblem(malformed, 400);

    const notJson = await page.request.post(path, {
      headers: { origin: origin(baseURL), "content-type": "text/plain" },
      data: JSON.stringify({ body: "hello", clientMessageId: newClientMessageId() }),
    });
    await expectProblem(notJson, 400);

    const huge = await postJson(page, baseURL, path, { body: "a".repeat(70_000), clientMessageId: newClientMessageId() });
    await expectProblem(huge, 413);

    // Nothing of the above was stored: the first message and the 10,000-character one.
    const list = (await (await page.request.get(path)).json()) as { items: Message[] };
    expect(list.items).toHaveLength(2);

    const badThread = await expectProblem(await postJson(page, baseURL, "/api/v1/threads", { body: "", clientMessageId: "x" }), 422);
    expect(badThread.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(["body", "clientMessageId"]));
  });

  test("ids that are not UUIDs answer 404 problem+json, exactly like unknown ids", async ({ page, baseURL }) => {
    const unknown = await expectProblem(await page.request.get("/api/v1/threads/00000000-0000-4000-8000-000000000000"), 404);
    for (const path of ["/api/v1/threads/not-a-uuid", "/api/v1/threads/123/messages", "/api/v1/threads/%27%20OR%201%3D1"]) {
      expect(await expectProblem(await page.request.get(path), 404)).toEqual(unknown);
    }
    await expectProblem(await postJson(page, baseURL, "/api/v1/threads/0/messages", { body: "hi", clientMessageId: newClientMessageId() }), 404);

    await signInAs(page, "guide@demo.test");
    expect(await expectProblem(await page.request.get("/api/v1/tickets/1"), 404)).toEqual(unknown);
    expect(await expectProblem(await page.request.get("/api/v1/members/me/context"), 404)).toEqual(unknown);
    expect(await expectProblem(await patchJson(page, baseURL, "/api/v1/tickets/x", { status: "OPEN" }), 404)).toEqual(unknown);
  });

  test("cookie writes need this app's Origin; bearer-key requests are exempt", async ({ page, baseURL, request }) => {
    const { thread } = await createThread(page, baseURL);
    const path = `/api/v1/threads/${thread.id}/messages`;
    const clientMessageId = newClientMessageId();
    const data = { body: marker("Forged"), clientMessageId };

    // page.request carries the session cookie but sends no Origin unless told to.
    await expectProblem(await page.request.post(path, { data }), 403);
    await expectProblem(await page.request.post(path, { headers: { origin: "https://evil.example" }, data }), 403);
    await expectProblem(await page.request.post(path, { headers: { origin: "null" }, data }), 403);
    await expectProblem(await page.request.post("/api/v1/threads", { data: { body: "hi", clientMessageId: newClientMessageId() } }), 403);

    // None of the refused attempts stored anything: the same clientMessageId now creates (201, not a 200 replay).
    const ok = await page.request.post(path, { headers: { origin: origin(baseURL) }, data });
    expect(ok.status(), await ok.text()).toBe(201);

    // A client with an Authorization header is never cookie-authenticated, so Origin does not matter: a bad key is 401.
    const keyed = await request.post(path, { headers: { authorization: "Bearer cnc_abcdefgh_0123456789abcdefghijklmnop" }, data });
    await expectProblem(keyed, 401);
  });
});
