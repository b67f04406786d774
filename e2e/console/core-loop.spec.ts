import { expect, test } from "@playwright/test";
import { asUser, uniqueSubject } from "../helpers";

test.describe.configure({ timeout: 120_000 });

test("member writes, the Sunrise guide answers from the console, the member's reply reopens the ticket", async ({ browser }) => {
  const subject = uniqueSubject("Question about my inhaler refill");

  // The member starts a conversation.
  const member = await asUser(browser, "member@demo.test", "/messages");
  await member.getByRole("link", { name: "New conversation" }).click();
  await member.getByLabel("Subject").fill(subject);
  await member.getByLabel("Message", { exact: true }).fill("Hi, can you help me get my inhaler refilled?");
  await member.getByRole("button", { name: "Send" }).click();
  await expect(member).toHaveURL(/\/messages\/[0-9a-f-]{36}$/);
  await expect(member.getByText("Hi, can you help me get my inhaler refilled?")).toBeVisible();
  const threadUrl = member.url();

  // The guide sees it in Sunrise's queue, opens it: context panel and ticket sidebar.
  const guide = await asUser(browser, "guide@demo.test", "/console");
  const row = guide.getByTestId("queue-row").filter({ hasText: subject });
  await expect(row).toBeVisible();
  await expect(row).toContainText("Maya Patel");
  await expect(row).toContainText("New");
  await row.getByRole("link", { name: "Maya Patel" }).click();
  await expect(guide.getByRole("heading", { name: subject })).toBeVisible();
  await expect(guide.getByRole("heading", { name: "Member", exact: true })).toBeVisible();
  await expect(guide.getByText("CNC-", { exact: false })).toBeVisible();
  await expect(guide.getByRole("heading", { name: "Ticket", exact: true })).toBeVisible();
  await expect(guide.getByLabel("State", { exact: true })).toHaveValue("NEW");

  // The guide replies; by default the ticket moves to PENDING.
  await guide.getByLabel("Message", { exact: true }).fill("Happy to help! I've sent the refill request to your pharmacy.");
  await guide.getByRole("button", { name: "Send" }).click();
  await expect(guide.getByTestId("message").filter({ hasText: "sent the refill request" })).toBeVisible();
  await expect(guide.getByLabel("State", { exact: true })).toHaveValue("PENDING", { timeout: 15_000 });

  // The member sees the reply, signed with the guide's name and role.
  await member.goto(threadUrl);
  const reply = member.getByTestId("message").filter({ hasText: "sent the refill request" });
  await expect(reply).toBeVisible();
  await expect(reply).toContainText("Gabriel · Care guide");

  // The member answers: the ticket is OPEN again, with the change in its history.
  await member.getByLabel("Message", { exact: true }).fill("Thank you! Will it be ready today?");
  await member.getByLabel("Message", { exact: true }).press("Enter");
  await expect(member.getByTestId("message").filter({ hasText: "ready today" })).toContainText("Sent");
  await guide.reload();
  await expect(guide.getByLabel("State", { exact: true })).toHaveValue("OPEN");
  await expect(guide.getByTestId("ticket-history")).toContainText("Pending → Open");
});

test("an internal note reaches the nurse and never the member", async ({ browser }) => {
  const subject = uniqueSubject("Rash on my arm");
  const note = `Internal: looks like contact dermatitis ${Date.now()}`;

  const member = await asUser(browser, "member@demo.test", "/messages");
  await member.getByRole("link", { name: "New conversation" }).click();
  await member.getByLabel("Subject").fill(subject);
  await member.getByLabel("Message", { exact: true }).fill("I have a rash on my arm since yesterday.");
  await member.getByRole("button", { name: "Send" }).click();
  await expect(member).toHaveURL(/\/messages\/[0-9a-f-]{36}$/);
  const threadId = member.url().split("/").at(-1)!;

  const guide = await asUser(browser, "guide@demo.test", "/console");
  await guide.goto(`/console/threads/${threadId}`);
  await guide.getByRole("radio", { name: "Internal note" }).check({ force: true });
  await guide.getByLabel("Message", { exact: true }).fill(note);
  await guide.getByRole("button", { name: "Send" }).click();
  await expect(guide.getByTestId("message").filter({ hasText: note })).toHaveAttribute("data-visibility", "internal");
  await expect(guide.getByLabel("State", { exact: true })).toHaveValue("NEW");

  const nurse = await asUser(browser, "nurse@demo.test", "/console");
  await nurse.goto(`/console/threads/${threadId}`);
  await expect(nurse.getByTestId("message").filter({ hasText: note })).toContainText("Internal note");

  // The member: not on the page, not in its serialized data, not in the API.
  await member.reload();
  await expect(member.getByText("I have a rash on my arm")).toBeVisible();
  expect(await member.content()).not.toContain(note);
  const api = await member.request.get(`/api/v1/threads/${threadId}/messages`);
  expect(api.status()).toBe(200);
  const apiText = await api.text();
  expect(apiText).not.toContain(note);
  expect(apiText).not.toContain('"internal"');
  await member.goto("/messages");
  expect(await member.content()).not.toContain(note);
});

test("a staff reply on a closed ticket opens a linked follow-up, shown at once in the sidebar", async ({ browser }) => {
  const guide = await asUser(browser, "guide@demo.test", "/console");
  await guide.goto("/console?view=all&status=CLOSED");
  await guide.getByTestId("queue-row").filter({ hasText: "Lost my member ID card" }).getByRole("link").click();
  await expect(guide).toHaveURL(/\/console\/threads\//);
  await expect(guide.getByLabel("State", { exact: true })).toHaveValue("CLOSED");
  await guide.getByLabel("Message", { exact: true }).fill("Checking in: did your new card arrive?");
  await guide.getByRole("button", { name: "Send" }).click();
  await expect(guide.getByLabel("State", { exact: true })).toHaveValue("PENDING");
  await expect(guide.getByTestId("ticket-history")).toContainText("Follow-up to an earlier ticket");
});
