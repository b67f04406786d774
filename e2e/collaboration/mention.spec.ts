import { expect, test, type Page } from "@playwright/test";
import { signInAndLand } from "../helpers";
import { createThread, expectProblem, marker } from "../api/api-helpers";

test.describe.configure({ timeout: 120_000 });

type ThreadList = { items: { id: string; memberId: string; teamId: string | null }[] };
type Queue = { items: { threadId: string; member: { id: string; name: string } }[] };

/** Drops whoever was signed in on this page, then signs in as `email`. */
async function switchTo(page: Page, email: string, landing: string) {
  await page.goto("about:blank"); // no in-flight response of the old session may re-set its cookie
  await page.context().clearCookies();
  await signInAndLand(page, email, landing);
}

test("a care guide @mentions the physician in a note: she collaborates on that thread only, until the guide removes her", async ({ page, baseURL }) => {
  // Maya starts a conversation with her Sunrise team.
  await signInAndLand(page, "member@demo.test", "/messages");
  const { thread, subject, body: opening } = await createThread(page, baseURL);

  // The guide: two threads the physician must never reach — another of Maya's Sunrise
  // threads and a thread of Samuel, another Sunrise member (Maya's Virtual Primary Care
  // threads are the physician's own team's, so they do not count).
  await switchTo(page, "guide@demo.test", "/console");
  const threads = (await (await page.request.get("/api/v1/threads?limit=100")).json()) as ThreadList;
  const mayaOther = threads.items.find((t) => t.memberId === thread.memberId && t.id !== thread.id && t.teamId === thread.teamId);
  expect(mayaOther, "another Sunrise thread of Maya").toBeDefined();
  const queue = (await (await page.request.get("/api/v1/tickets?view=all&limit=100")).json()) as Queue;
  const samuel = queue.items.find((t) => t.member.name === "Samuel Okafor");
  expect(samuel, "a thread of Samuel Okafor").toBeDefined();
  const outOfReach = [mayaOther!.id, samuel!.threadId];

  // The guide writes an internal note and picks the physician from the @ list by keyboard.
  await page.goto(`/console/threads/${thread.id}`);
  await expect(page.getByRole("heading", { name: subject })).toBeVisible();
  await page.getByRole("radio", { name: "Internal note" }).check({ force: true });
  const box = page.getByLabel("Message", { exact: true });
  const people = page.getByRole("listbox", { name: "People you can mention" });
  await box.pressSequentially("@");
  await expect(people).toBeVisible();
  await box.press("Escape");
  await expect(people).toBeHidden();
  await box.fill("");
  await box.pressSequentially("Please have a look @");
  // Sunrise colleagues and the physician serving Maya; never the guide himself, Harbor's
  // staff, or a physician of a team that does not serve her.
  await expect(people.getByRole("option", { name: /Nora Haddad/ })).toBeVisible();
  const offered = (await people.getByRole("option").allTextContents()).join(" | ");
  expect(offered).toContain("Dr. Priya Raman");
  for (const name of ["Gabriel Ortiz", "Hugo Mensah", "Ines Duarte", "Marcus Bell", "Maya Patel"]) expect(offered).not.toContain(name);
  await box.pressSequentially("pri");
  const option = people.getByRole("option", { name: /Dr\. Priya Raman/ });
  await expect(people.getByRole("option")).toHaveCount(1);
  await expect(option).toHaveAttribute("aria-selected", "true");
  await expect(option).toContainText("Physician · Virtual Primary Care");
  await expect(box).toHaveAttribute("aria-activedescendant", (await option.getAttribute("id"))!);
  await box.press("Enter");
  await expect(people).toBeHidden();
  await expect(box).toHaveValue("Please have a look @Dr. Priya Raman ");
  const note = marker("inhaler dosage question");
  await box.pressSequentially(note);
  await page.getByRole("button", { name: "Send" }).click();
  const sentNote = page.getByTestId("message").filter({ hasText: note });
  await expect(sentNote).toHaveAttribute("data-visibility", "internal");
  await expect(sentNote).toContainText(`Please have a look @Dr. Priya Raman ${note}`);
  const collaborator = page.getByTestId("collaborator").filter({ hasText: "Dr. Priya Raman" });
  await expect(collaborator).toBeVisible({ timeout: 15_000 });
  await expect(collaborator).toContainText("Mentioned in an internal note by a care guide");
  await expect(collaborator).toContainText("Added by Gabriel Ortiz");

  // The physician finds it under Mentions, opens it, reads the note and answers.
  await switchTo(page, "doctor@demo.test", "/console");
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Mentions" }).click();
  await expect(page.getByRole("heading", { name: "Mentions" })).toBeVisible();
  const row = page.getByTestId("mention-row").filter({ hasText: subject });
  await expect(row).toContainText("Maya Patel");
  await expect(row).toContainText("Sunrise");
  await row.getByRole("link", { name: "Maya Patel" }).click();
  await expect(page).toHaveURL(new RegExp(`/console/threads/${thread.id}$`));
  await expect(page.getByText(opening)).toBeVisible();
  await expect(page.getByTestId("message").filter({ hasText: note })).toBeVisible();
  const answer = marker("Dr. Raman: keep the current dose");
  await page.getByLabel("Message", { exact: true }).fill(answer);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("message").filter({ hasText: answer })).toContainText("Sent");
  // A collaborator sees who collaborates but may not remove anyone.
  await expect(page.getByTestId("collaborator").filter({ hasText: "Dr. Priya Raman" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Remove Dr. Priya Raman" })).toHaveCount(0);

  // Only that thread: the member's other thread and another Sunrise member's stay 404.
  for (const id of outOfReach) {
    await expectProblem(await page.request.get(`/api/v1/threads/${id}`), 404);
    await expectProblem(await page.request.get(`/api/v1/threads/${id}/messages`), 404);
    await expectProblem(await page.request.get(`/api/v1/threads/${id}/collaborators`), 404);
  }
  expect((await page.request.get(`/api/v1/threads/${thread.id}`)).status()).toBe(200);

  // The guide removes the physician from the sidebar, after confirming.
  await switchTo(page, "guide@demo.test", "/console");
  await page.goto(`/console/threads/${thread.id}`);
  await expect(page.getByTestId("message").filter({ hasText: answer })).toBeVisible();
  await page.getByRole("button", { name: "Remove Dr. Priya Raman" }).click();
  await expect(page.getByRole("group", { name: "Remove Dr. Priya Raman?" })).toContainText("lose access");
  await page.getByRole("button", { name: "Yes, remove" }).click();
  await expect(page.getByTestId("collaborator")).toHaveCount(0);
  await expect(page.getByText("Nobody else.")).toBeVisible();

  // From then on the thread is out of the physician's reach, and gone from her mentions.
  await switchTo(page, "doctor@demo.test", "/console");
  await expectProblem(await page.request.get(`/api/v1/threads/${thread.id}`), 404);
  await expectProblem(await page.request.get(`/api/v1/threads/${thread.id}/messages`), 404);
  const mentions = (await (await page.request.get("/api/v1/mentions")).json()) as { items: { threadId: string }[] };
  expect(mentions.items.some((m) => m.threadId === thread.id)).toBe(false);
  const response = await page.goto(`/console/threads/${thread.id}`);
  expect(response?.status()).toBe(404);
  expect(await page.content()).not.toContain(note);
});
