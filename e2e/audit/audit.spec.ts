import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { asUser } from "../helpers";
import { createThread, expectProblem } from "../api/api-helpers";

test.describe.configure({ timeout: 120_000 });

test("a member sees who on staff opened their conversation, and nothing internal", async ({ browser, baseURL }) => {
  const member = await asUser(browser, "member@demo.test", "/messages");
  const { thread, subject } = await createThread(member, baseURL);

  const guide = await asUser(browser, "guide@demo.test", "/console");
  await guide.goto(`/console/threads/${thread.id}`);
  await expect(guide.getByRole("heading", { name: subject })).toBeVisible();

  await member.goto("/messages/access");
  await expect(member.getByRole("heading", { name: "Who has seen my messages" })).toBeVisible();
  const row = member.getByTestId("access-row").filter({ hasText: subject }).first();
  await expect(row).toContainText("Gabriel Ortiz");
  await expect(row).toContainText("Care guide");
  await expect(row).toContainText("Viewed your conversation");
  await row.getByRole("link", { name: subject }).click();
  await expect(member).toHaveURL(new RegExp(`/messages/${thread.id}$`));

  // The API behind it: names, roles, kinds and times — no addresses, agents or reasons.
  const res = await member.request.get("/api/v1/me/access-log");
  expect(res.status()).toBe(200);
  const text = await res.text();
  expect(text).toContain(thread.id);
  for (const internal of ["127.0.0.1", '"ip"', "userAgent", "reason"]) expect(text).not.toContain(internal);

  // Staff have no such report.
  await expectProblem(await guide.request.get("/api/v1/me/access-log"), 403);
});

test("compliance filters the audit log and exports it as CSV", async ({ browser, baseURL }) => {
  const member = await asUser(browser, "member@demo.test", "/messages");
  const { thread, subject, body } = await createThread(member, baseURL);
  const guide = await asUser(browser, "guide@demo.test", "/console");
  expect((await guide.request.get(`/api/v1/threads/${thread.id}`)).status()).toBe(200); // audited thread.read

  const compliance = await asUser(browser, "compliance@demo.test", "/admin");
  await compliance.goto("/admin/audit");
  await compliance.getByLabel("Member", { exact: true }).fill("member@demo.test");
  await compliance.getByLabel("Staff member").selectOption({ label: "Gabriel Ortiz (Care guide)" });
  await compliance.getByLabel("Action").fill("thread.read");
  await compliance.getByRole("button", { name: "Apply filters" }).click();
  await expect(compliance).toHaveURL(/[?&]action=thread\.read/);
  await expect(compliance.getByText("Member: Maya Patel")).toBeVisible();
  const row = compliance.getByTestId("audit-row").filter({ hasText: thread.id }).first();
  await expect(row).toContainText("Gabriel Ortiz");
  await expect(row).toContainText("thread.read");
  await expect(row).toContainText("Maya Patel");

  const downloading = compliance.waitForEvent("download");
  await compliance.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^audit-export-.+\.csv$/);
  const csv = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "");
  const [header, ...lines] = csv.trimEnd().split("\r\n");
  expect(header).toBe("id,occurred_at,actor_id,actor_name,actor_role,action,outcome,member_id,member_name,record_type,record_id,ip,user_agent,reason,details");
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(line).toContain(",Gabriel Ortiz,CARE_GUIDE,thread.read,");
  expect(lines.some((line) => line.includes(thread.id))).toBe(true);
  // Names of people, never contents.
  expect(csv).not.toContain(subject);
  expect(csv).not.toContain(body);

  // The export is itself on record.
  await compliance.goto("/admin/audit?action=audit.export");
  await expect(compliance.getByTestId("audit-row").first()).toContainText("Casey Compliance");

  // Nobody else may export.
  await expectProblem(await guide.request.get("/api/v1/audit/export.csv"), 403);
});

test("an admin verifies the audit chain and sees it intact, without reading the log", async ({ browser }) => {
  const admin = await asUser(browser, "admin@demo.test", "/admin");
  await admin.goto("/admin/audit");
  await expect(admin.getByTestId("audit-row")).toHaveCount(0);
  await admin.getByRole("button", { name: "Verify audit chain" }).click();
  await expect(admin.getByTestId("verify-result")).toContainText("intact");

  const res = await admin.request.get("/api/v1/audit/verify");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ ok: true, firstBroken: null });
  await expectProblem(await admin.request.get("/api/v1/audit"), 403);
});
