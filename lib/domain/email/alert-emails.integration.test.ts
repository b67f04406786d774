/**
 * Alert emails through a real local SMTP server (test/smtp-capture.ts): one email per reply
 * batch to a member who has not read it, none once read, staff emails per preference, an
 * SMTP outage that delays delivery until the server is back — and no PHI in anything sent.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, SmtpCapture, type CapturedMail } from "../../../test/smtp-capture";
import { actorFor } from "../../../test/actors";
import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { jobHandlers } from "../jobs/job-handlers";
import { runJobNow } from "../jobs/run-jobs";
import { listMessages } from "../messages/list-messages";
import { sendMessage } from "../messages/send-message";
import { unsafeDeriveNotifications } from "../notifications/unsafe-derive-notifications";
import { updateNotificationPreferences } from "../notifications/update-notification-preferences";
import { createThread } from "../threads/create-thread";
import { createMember, createStaff, createTeam } from "../tickets/test-fixtures";
import { memberReplyEmailJob, staffAlertEmailJob } from "./email-jobs";

// Read once by lib/env.ts at first use, which comes after this (nothing reads it on import).
const port = await freePort();
process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
process.env.MAIL_FROM = "Concierge <alerts@concierge.test>";
process.env.APP_BASE_URL = "https://concierge.example.test";

const smtp = new SmtpCapture(port);
let guide: Actor;
let guideOff: Actor;
let member: Actor;
let memberName: string;
let memberEmail: string;
let tagLabel: string;

const cid = () => `c${randomUUID().replaceAll("-", "")}`;
const subject = "Results of my HIV test and insulin dose";
const memberBody = "My blood sugar was 310 this morning, and the rash is back.";
const replyBodies = ["Please check your glucose again tonight.", "Dr. Raman will call about the biopsy."];

async function derive(): Promise<void> {
  for (let i = 0; i < 50; i++) if ((await unsafeDeriveNotifications()).handled < 500) return;
}

async function jobsFor(type: string, key: string, value: string) {
  const db = await getDb();
  return db.job.findMany({ where: { type, payload: { path: [key], equals: value } }, orderBy: { createdAt: "asc" } });
}

/** ⚠ The point of the feature: nothing the member or staff wrote, and nothing about who it is. */
function expectNoPhi(mail: CapturedMail, threadId: string) {
  const everything = [mail.raw, mail.subject, mail.text, mail.html].join("\n").toLowerCase();
  for (const secret of [memberName, ...memberName.split(" "), subject, memberBody, ...replyBodies, "glucose", "biopsy", "hiv", tagLabel, threadId]) {
    expect(everything, `email must not contain "${secret}"`).not.toContain(secret.toLowerCase());
  }
}

beforeAll(async () => {
  await smtp.start();
  const team = await createTeam();
  const g = await createStaff("CARE_GUIDE", [team.teamId]);
  const g2 = await createStaff("NURSE", [team.teamId]);
  memberName = `Zebulon Quillfeather ${randomUUID().slice(0, 4)}`;
  const m = await createMember(team.teamId, memberName);
  memberEmail = m.email;
  const db = await getDb();
  const tag = await db.healthTag.findFirstOrThrow({ select: { id: true, label: true } });
  tagLabel = tag.label;
  await db.memberHealthTag.create({ data: { memberId: m.id, tagId: tag.id } });
  [guide, guideOff, member] = await Promise.all([actorFor(g.email), actorFor(g2.email), actorFor(m.email)]);
  await updateNotificationPreferences(guideOff, { emailEnabled: false });
  await derive();
});

afterAll(async () => {
  await smtp.stop();
  // Leave no queued emails behind for the test files that run jobs after this one.
  const db = await getDb();
  await db.job.deleteMany({ where: { type: { in: [memberReplyEmailJob, staffAlertEmailJob] }, status: "QUEUED" } });
});

describe("member reply emails", () => {
  it("sends exactly one PHI-free email per batch of unread replies, and none once the member has read them", async () => {
    const { thread } = await createThread(member, { subject, body: memberBody, clientMessageId: cid() });
    await sendMessage(guide, thread.id, { body: replyBodies[0]!, clientMessageId: cid() });
    await sendMessage(guide, thread.id, { body: replyBodies[1]!, clientMessageId: cid() });
    await derive();
    await derive();
    const jobs = await jobsFor(memberReplyEmailJob, "threadId", thread.id);
    expect(jobs).toHaveLength(1);
    // Not before the member has had their chance to read it (MEMBER_EMAIL_DELAY_SECONDS, 120 by default).
    expect(jobs[0]!.runAt.getTime()).toBeGreaterThan(Date.now() + 60_000);
    expect(await runJobNow(jobs[0]!.id, jobHandlers)).toEqual({ kind: "done" });

    const mails = smtp.to(memberEmail);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe("You have a new message from your care team");
    expect(mail.text).toContain("https://concierge.example.test/messages");
    expectNoPhi(mail, thread.id);

    // The member reads the thread; a new reply opens a new unread period: one more email.
    await listMessages(member, thread.id, {});
    await sendMessage(guide, thread.id, { body: "One more thing.", clientMessageId: cid() });
    await derive();
    const second = (await jobsFor(memberReplyEmailJob, "threadId", thread.id)).filter((j) => j.status === "QUEUED");
    expect(second).toHaveLength(1);
    await runJobNow(second[0]!.id, jobHandlers);
    expect(smtp.to(memberEmail)).toHaveLength(2);

    // A reply the member reads before the delay is up sends nothing.
    await listMessages(member, thread.id, {});
    await sendMessage(guide, thread.id, { body: "And another.", clientMessageId: cid() });
    await derive();
    const third = (await jobsFor(memberReplyEmailJob, "threadId", thread.id)).filter((j) => j.status === "QUEUED");
    expect(third).toHaveLength(1);
    await listMessages(member, thread.id, {});
    expect(await runJobNow(third[0]!.id, jobHandlers)).toEqual({ kind: "done" });
    expect(smtp.to(memberEmail)).toHaveLength(2);
  });

  it("sends nothing for internal notes", async () => {
    const { thread } = await createThread(member, { subject, body: memberBody, clientMessageId: cid() });
    await sendMessage(guide, thread.id, { body: "Internal: check the chart.", clientMessageId: cid(), visibility: "internal" });
    await derive();
    expect(await jobsFor(memberReplyEmailJob, "threadId", thread.id)).toEqual([]);
  });

  it("delays the email through an SMTP outage and delivers it once SMTP is back", async () => {
    const { thread } = await createThread(member, { subject, body: memberBody, clientMessageId: cid() });
    await sendMessage(guide, thread.id, { body: replyBodies[0]!, clientMessageId: cid() });
    await derive();
    const [job] = await jobsFor(memberReplyEmailJob, "threadId", thread.id);
    const before = smtp.to(memberEmail).length;

    await smtp.stop();
    const outcome = await runJobNow(job!.id, jobHandlers);
    // nodemailer reports a refused connection as ESOCKET.
    expect(outcome).toMatchObject({ kind: "retry", error: "smtp ESOCKET" });
    const db = await getDb();
    const waiting = await db.job.findUniqueOrThrow({ where: { id: job!.id } });
    expect(waiting).toMatchObject({ status: "QUEUED", attempts: 1, lastError: "smtp ESOCKET" });
    expect(waiting.runAt.getTime()).toBeGreaterThan(Date.now());
    expect(await runJobNow(job!.id, jobHandlers)).toMatchObject({ kind: "retry" }); // still down
    expect(smtp.to(memberEmail)).toHaveLength(before);

    await smtp.start();
    // The back-off would bring it back by itself; run it now instead of waiting.
    expect(await runJobNow(job!.id, jobHandlers)).toEqual({ kind: "done" });
    expect(await db.job.findUniqueOrThrow({ where: { id: job!.id } })).toMatchObject({ status: "DONE", attempts: 3 });
    const mails = smtp.to(memberEmail);
    expect(mails).toHaveLength(before + 1);
    expectNoPhi(mails.at(-1)!, thread.id);
  });
});

describe("staff alert emails", () => {
  it("emails a new ticket to staff who want email, PHI-free, and skips those who turned it off", async () => {
    const { thread } = await createThread(member, { subject, body: memberBody, clientMessageId: cid() });
    await derive();
    const db = await getDb();
    const notifications = await db.notification.findMany({ where: { threadId: thread.id, type: "NEW_TICKET" }, select: { id: true, userId: true } });
    expect(notifications.map((n) => n.userId).sort()).toEqual([guide.userId, guideOff.userId].sort());
    const mine = notifications.find((n) => n.userId === guide.userId)!;
    const off = notifications.find((n) => n.userId === guideOff.userId)!;
    expect(await jobsFor(staffAlertEmailJob, "notificationId", off.id)).toEqual([]);
    const [job] = await jobsFor(staffAlertEmailJob, "notificationId", mine.id);
    expect(await runJobNow(job!.id, jobHandlers)).toEqual({ kind: "done" });

    const mails = smtp.to(guide.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("A new conversation is waiting in your team's queue");
    expect(mails[0]!.text).toContain("https://concierge.example.test/console");
    expectNoPhi(mails[0]!, thread.id);
    expect(smtp.to(guideOff.email)).toEqual([]);
  });
});
