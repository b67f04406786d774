/**
 * Alerts away from the app: a member who is not looking gets exactly one email for a batch of
 * care-team replies, and it carries no PHI — only that there is something to read and a link
 * that requires signing in. The e2e server sends to the local SMTP server
 * (scripts/ci/smtp-server.mjs) with MEMBER_EMAIL_DELAY_SECONDS=5 (playwright.config.ts).
 */
import { expect, test } from "@playwright/test";
import { signInAndLand } from "../helpers";
import { marker, newClientMessageId, origin, type Thread } from "../api/api-helpers";
import { capturedMail } from "../support/smtp-settings";

// A demo member no other spec signs in as: Sunrise, with a health tag (behavioral health).
const memberEmail = "member.hannah.goldberg@demo.test";
const memberNames = ["Hannah", "Goldberg"];

test("a member who is away gets one PHI-free email per batch of replies", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const since = new Date().toISOString();
  const subject = marker("Therapy referral and my anxiety medication");
  const body = marker("The panic attacks came back this week");

  // The member writes, then leaves (closes the browser): nothing marks the replies read.
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await signInAndLand(member, memberEmail, "/messages");
  const created = await member.request.post("/api/v1/threads", { headers: { origin: origin(baseURL) }, data: { subject, body, clientMessageId: newClientMessageId() } });
  expect(created.status(), await created.text()).toBe(201);
  const { thread } = (await created.json()) as { thread: Thread };
  await memberContext.close();

  // The care team answers twice, a moment apart: one batch.
  const guideContext = await browser.newContext();
  const guide = await guideContext.newPage();
  await signInAndLand(guide, "guide@demo.test", "/console");
  const replies = [marker("Your psychiatrist can see you Thursday"), marker("The sertraline refill is ready")];
  for (const reply of replies) {
    const res = await guide.request.post(`/api/v1/threads/${thread.id}/messages`, { headers: { origin: origin(baseURL) }, data: { body: reply, clientMessageId: newClientMessageId() } });
    expect(res.status(), await res.text()).toBe(201);
  }

  const mine = async () => (await capturedMail(memberEmail)).filter((m) => m.receivedAt >= since);
  await expect.poll(async () => (await mine()).length, { timeout: 60_000, intervals: [1_000] }).toBe(1);
  // Several worker passes later, still exactly one.
  await guide.waitForTimeout(10_000);
  const mails = await mine();
  expect(mails).toHaveLength(1);

  const mail = mails[0]!;
  expect(mail.subject).toBe("You have a new message from your care team");
  expect(mail.text).toContain("http://127.0.0.1:3100/messages");
  // The recipient's address is the one thing about them a mail must carry (the demo
  // addresses contain names); it is taken out before looking for anything else.
  const everything = [mail.raw, mail.subject, mail.text, mail.html].join("\n").toLowerCase().replaceAll(memberEmail.toLowerCase(), "<recipient>");
  for (const secret of [...memberNames, subject, body, ...replies, "behavioral", "anxiety", "sertraline", "psychiatrist", thread.id]) {
    expect(everything, `the email must not contain "${secret}"`).not.toContain(secret.toLowerCase());
  }

  // The link requires signing in.
  const anonymous = await browser.newContext();
  const visitor = await anonymous.newPage();
  await visitor.goto("/messages");
  await expect(visitor).toHaveURL(/\/sign-in/);
  await anonymous.close();
  await guideContext.close();
});
