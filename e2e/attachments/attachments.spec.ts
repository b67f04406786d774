import { expect, test, type Page } from "@playwright/test";
import { exeRenamedJpg, hasExifOrGps, htmlFile, jpegWithEicarAppended, jpegWithGpsExif, polyglotJpegHtml, svgFile } from "../../lib/files/test-files";
import { origin, signInAs } from "../api/api-helpers";
import { asUser, uniqueSubject } from "../helpers";
import { queryOne, s3Object, storageKeyOf } from "../support/stored-object";

test.describe.configure({ timeout: 120_000 });

type Attachment = { id: string; status: string; fileName: string; contentUrl: string | null; thumbnailUrl: string | null };
type Message = { id: string; body: string; attachments: Attachment[] };

async function startConversation(page: Page, subject: string) {
  await page.getByRole("link", { name: "New conversation" }).click();
  await page.getByLabel("Subject").fill(subject);
}

test("a member's photo with GPS data is checked, stripped, stored in S3 and shown to the guide in the thread and the ticket sidebar", async ({ browser }) => {
  const subject = uniqueSubject("Photo of a rash");
  const photo = await jpegWithGpsExif();
  expect(await hasExifOrGps(photo)).toBe(true);

  const member = await asUser(browser, "member@demo.test", "/messages");
  await startConversation(member, subject);
  // The transient "checking" state is caught by an in-page watch started before the upload.
  const checking = member.getByText("Checking for viruses…").first().waitFor({ state: "visible", timeout: 30_000 });
  await member.getByLabel("Attach files").setInputFiles({ name: "rash.jpg", mimeType: "image/jpeg", buffer: photo });
  await checking;
  // Then the thumbnail (decorative in the composer: the name stands beside it), really loaded.
  const card = member.getByTestId("composer-attachment").filter({ hasText: "rash.jpg" });
  await expect(card).toHaveAttribute("data-status", "CLEAN", { timeout: 30_000 });
  await expect(card.locator("img")).toBeVisible();
  await expect.poll(() => card.locator("img").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await member.getByLabel("Message", { exact: true }).fill("Here is the rash I mentioned.");
  await member.getByRole("button", { name: "Send" }).click();
  await expect(member).toHaveURL(/\/messages\/[0-9a-f-]{36}$/);
  const threadId = member.url().split("/").at(-1)!;
  await expect(member.getByTestId("message").filter({ hasText: "Here is the rash" }).getByRole("img", { name: "rash.jpg" })).toBeVisible();

  // The guide: in the thread and in the ticket sidebar.
  const guide = await asUser(browser, "guide@demo.test", "/console");
  await guide.goto(`/console/threads/${threadId}`);
  await expect(guide.getByTestId("message").filter({ hasText: "Here is the rash" }).getByRole("img", { name: "rash.jpg" })).toBeVisible();
  await expect(guide.getByTestId("ticket-attachments")).toContainText("rash.jpg");

  // What the download route serves: no EXIF/GPS, and byte-identical to the object in S3.
  const messages = (await (await guide.request.get(`/api/v1/threads/${threadId}/messages`)).json()) as { items: Message[] };
  const attachment = messages.items.flatMap((m) => m.attachments).find((a) => a.fileName === "rash.jpg")!;
  expect(attachment.status).toBe("CLEAN");
  const download = await guide.request.get(attachment.contentUrl!);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("image/jpeg");
  expect(download.headers()["x-content-type-options"]).toBe("nosniff");
  expect(download.headers()["content-disposition"]).toMatch(/^inline; filename="?rash\.jpg"?(;|$)/);
  expect(download.headers()["content-security-policy"]).toMatch(/default-src 'none'.*sandbox/);
  const served = await download.body();
  expect(await hasExifOrGps(served)).toBe(false);
  const key = await storageKeyOf(attachment.id);
  expect(key).not.toContain("rash");
  expect((await s3Object(key)).equals(served)).toBe(true);
});

test("a JPEG carrying the EICAR string is caught by the scanner: the member is told, the team alerted, the event audited", async ({ browser }) => {
  const since = new Date();
  const member = await asUser(browser, "member@demo.test", "/messages");
  await startConversation(member, uniqueSubject("Photo"));
  await member.getByLabel("Attach files").setInputFiles({ name: "holiday.jpg", mimeType: "image/jpeg", buffer: await jpegWithEicarAppended() });
  await expect(member.getByText("A virus was found in this file, so it was removed.")).toBeVisible({ timeout: 30_000 });
  await expect(member.getByRole("img", { name: "holiday.jpg" })).toHaveCount(0);

  const row = await queryOne<{ id: string; status: string; storage_key: string | null }>(
    "SELECT id, status, storage_key FROM attachments WHERE display_name = 'holiday.jpg' AND created_at >= $1 ORDER BY created_at DESC LIMIT 1",
    [since],
  );
  expect(row).toMatchObject({ status: "INFECTED", storage_key: null });
  expect((await member.request.get(`/api/v1/attachments/${row!.id}/content`)).status()).toBe(404);

  // The team (Sunrise's guide among them) is alerted; compliance finds the event in the audit log.
  const alert = await queryOne<{ n: string }>(
    "SELECT count(*) AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = 'guide@demo.test' AND n.type = 'ATTACHMENT_INFECTED' AND n.created_at >= $1",
    [since],
  );
  expect(Number(alert!.n)).toBeGreaterThanOrEqual(1);
  const compliance = await asUser(browser, "compliance@demo.test", "/admin");
  const audit = (await (await compliance.request.get(`/api/v1/audit?action=attachment.infected&from=${encodeURIComponent(since.toISOString())}`)).json()) as {
    items: { recordId: string }[];
  };
  expect(audit.items.map((i) => i.recordId)).toContain(row!.id);
});

test("refused uploads get a clear message; other members and teams get 404 for an attachment", async ({ page, baseURL }) => {
  await signInAs(page, "member@demo.test");
  const headers = { origin: origin(baseURL) };
  const upload = (name: string, mimeType: string, buffer: Buffer) => page.request.post("/api/v1/attachments", { headers, multipart: { file: { name, mimeType, buffer } } });

  const refusals: [string, string, Buffer, number, RegExp][] = [
    ["page.html", "text/html", Buffer.from(await htmlFile()), 422, /not allowed/i],
    ["logo.svg", "image/svg+xml", Buffer.from(await svgFile()), 422, /not allowed/i],
    ["photo.jpg", "image/jpeg", Buffer.from(await exeRenamedJpg()), 422, /not allowed/i],
    ["selfie.jpg", "image/jpeg", Buffer.from(await polyglotJpegHtml()), 422, /not allowed/i],
    ["../../secret.jpg", "image/jpeg", await jpegWithGpsExif(), 422, /folder/i],
    ["huge.jpg", "image/jpeg", Buffer.alloc(20 * 1000 * 1000 + 1, 0xff), 413, /limited to 20 MB/],
  ];
  for (const [name, type, bytes, status, message] of refusals) {
    const response = await upload(name, type, bytes);
    expect(response.status(), name).toBe(status);
    expect(response.headers()["content-type"]).toMatch(/application\/problem\+json/);
    expect(((await response.json()) as { detail: string }).detail, name).toMatch(message);
  }

  // The member's own attachment, sent on a thread…
  const created = await upload("knee.jpg", "image/jpeg", await jpegWithGpsExif());
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as Attachment;
  const thread = await page.request.post("/api/v1/threads", { headers, data: { body: "My knee", clientMessageId: crypto.randomUUID(), attachmentIds: [id] } });
  expect(thread.status()).toBe(201);
  await expect.poll(async () => ((await (await page.request.get(`/api/v1/attachments/${id}`)).json()) as Attachment).status, { timeout: 30_000 }).toBe("CLEAN");
  expect((await page.request.get(`/api/v1/attachments/${id}/content`)).status()).toBe(200);

  // …is 404 for another member and for another team's guide.
  for (const other of ["member2@demo.test", "guide2@demo.test"] as const) {
    await signInAs(page, other);
    for (const path of [`/api/v1/attachments/${id}`, `/api/v1/attachments/${id}/content`, `/api/v1/attachments/${id}/thumbnail`]) {
      expect((await page.request.get(path)).status(), `${other} ${path}`).toBe(404);
    }
  }
});
