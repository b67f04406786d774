import { expect, test, type Page } from "@playwright/test";
import { jpegWithGpsExif } from "../../lib/files/test-files";
import { createThread, newClientMessageId, origin, postJson } from "../api/api-helpers";
import { asUser } from "../helpers";

test.describe.configure({ timeout: 120_000 });

type AuditItem = { actorId: string | null; action: string; outcome: string; memberId: string | null; recordId: string | null };

async function meId(page: Page): Promise<string> {
  return ((await (await page.request.get("/api/v1/me")).json()) as { id: string }).id;
}

async function get(page: Page, path: string): Promise<void> {
  const res = await page.request.get(path);
  expect(res.status(), path).toBe(200);
}

test("every read of PHI in the core loop writes an audit row naming the actor and the member", async ({ browser, baseURL }) => {
  const since = new Date(Date.now() - 1000).toISOString();

  // The member writes, with a photo.
  const member = await asUser(browser, "member@demo.test", "/messages");
  const memberId = await meId(member);
  const upload = await member.request.post("/api/v1/attachments", { headers: { origin: origin(baseURL) }, multipart: { file: { name: "arm.jpg", mimeType: "image/jpeg", buffer: await jpegWithGpsExif() } } });
  expect(upload.status()).toBe(201);
  const attachmentId = ((await upload.json()) as { id: string }).id;
  const { thread } = await createThread(member, baseURL);
  const sent = await postJson(member, baseURL, `/api/v1/threads/${thread.id}/messages`, { body: "", clientMessageId: newClientMessageId(), attachmentIds: [attachmentId] });
  expect(sent.status()).toBe(201);
  await expect.poll(async () => ((await (await member.request.get(`/api/v1/attachments/${attachmentId}`)).json()) as { status: string }).status, { timeout: 30_000 }).toBe("CLEAN");

  // The member's own reads.
  for (const path of ["/api/v1/threads", `/api/v1/threads/${thread.id}`, `/api/v1/threads/${thread.id}/messages`, `/api/v1/attachments/${attachmentId}/content`]) await get(member, path);

  // The guide works the ticket; the nurse looks at the member's documents.
  const guide = await asUser(browser, "guide@demo.test", "/console");
  const guideId = await meId(guide);
  const ticketId = thread.ticket!.id;
  for (const path of [
    "/api/v1/tickets?view=open",
    `/api/v1/threads/${thread.id}`,
    `/api/v1/threads/${thread.id}/messages`,
    `/api/v1/tickets/${ticketId}`,
    `/api/v1/members/${memberId}/context`,
    `/api/v1/attachments/${attachmentId}`,
    `/api/v1/attachments/${attachmentId}/content`,
    `/api/v1/attachments/${attachmentId}/thumbnail`,
  ])
    await get(guide, path);
  const nurse = await asUser(browser, "nurse@demo.test", "/console");
  const nurseId = await meId(nurse);
  await get(nurse, `/api/v1/members/${memberId}/documents`);

  // Compliance finds one allowed row per read, with the actor and the member.
  const compliance = await asUser(browser, "compliance@demo.test", "/admin");
  async function trail(actorId: string): Promise<AuditItem[]> {
    const res = await compliance.request.get(`/api/v1/audit?actorId=${actorId}&from=${encodeURIComponent(since)}&limit=500`);
    expect(res.status()).toBe(200);
    return ((await res.json()) as { items: AuditItem[] }).items;
  }
  const expectRead = (items: AuditItem[], action: string, recordId?: string) => {
    const row = items.find((i) => i.action === action && i.outcome === "ALLOWED" && (recordId === undefined || i.recordId === recordId));
    expect(row, `${action} ${recordId ?? ""}`).toBeDefined();
    return row!;
  };

  const memberTrail = await trail(memberId);
  expectRead(memberTrail, "thread.list");
  expect(expectRead(memberTrail, "thread.read", thread.id).memberId).toBe(memberId);
  expect(expectRead(memberTrail, "message.list").memberId).toBe(memberId);
  expect(expectRead(memberTrail, "attachment.download", attachmentId).memberId).toBe(memberId);

  const guideTrail = await trail(guideId);
  expectRead(guideTrail, "ticket.list");
  for (const [action, recordId] of [
    ["thread.read", thread.id],
    ["message.list", undefined],
    ["ticket.read", ticketId],
    ["memberContext.read", memberId],
    ["attachment.read", attachmentId],
    ["attachment.download", attachmentId],
    ["attachment.viewThumbnail", attachmentId],
  ] as const) {
    expect(expectRead(guideTrail, action, recordId).memberId, action).toBe(memberId);
  }
  expect(expectRead(await trail(nurseId), "memberDocuments.list").memberId).toBe(memberId);
});
