/**
 * The email job types and the rows that queue them. Job ids are derived from what the email
 * is about (a UUID-shaped SHA-256 of a key), so the same email can be queued any number of
 * times — by two instances, by a retried pass — and exists once: the insert skips duplicates.
 */
import { createHash } from "node:crypto";
import type { Prisma } from "../../db/generated/client";

export const memberReplyEmailJob = "email.member-reply";
export const staffAlertEmailJob = "email.staff-alert";

/** Retries with the runner's back-off (5 s doubling to 10 min): about two and a half hours of SMTP outage. */
export const emailMaxAttempts = 24;

export function stableJobId(key: string): string {
  const h = createHash("sha256").update(key).digest("hex");
  // Version nibble 8 ("custom", RFC 9562) and the variant bits, so it is a well-formed UUID.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export type MemberReplyEmailPayload = { threadId: string; memberId: string; replyAt: string };
export type StaffAlertEmailPayload = { notificationId: string };

/**
 * One email per thread per unread period: the key is the member's read mark on the thread
 * when the reply arrived. More replies before the member reads share it; reading moves the
 * mark, so the next reply opens a new period.
 */
export function memberReplyEmailJobData(p: MemberReplyEmailPayload & { lastReadAt: Date | null; runAt: Date }): Prisma.JobCreateManyInput {
  const payload: MemberReplyEmailPayload = { threadId: p.threadId, memberId: p.memberId, replyAt: p.replyAt };
  return {
    id: stableJobId(`${memberReplyEmailJob}:${p.threadId}:${p.memberId}:${p.lastReadAt?.toISOString() ?? "never"}`),
    type: memberReplyEmailJob,
    payload,
    runAt: p.runAt,
    maxAttempts: emailMaxAttempts,
  };
}

export function staffAlertEmailJobData(notificationId: string, runAt: Date = new Date()): Prisma.JobCreateManyInput {
  const payload: StaffAlertEmailPayload = { notificationId };
  return { id: stableJobId(`${staffAlertEmailJob}:${notificationId}`), type: staffAlertEmailJob, payload, runAt, maxAttempts: emailMaxAttempts };
}
