/**
 * Job: the one email a member gets when a care-team reply has waited unread (docs/
 * notifications.md). A system job for one member's own mailbox; it reads no message, only
 * the member's read mark, address and status.
 *
 * "Not connected" is approximated by the member's read mark on the thread
 * (ThreadReadState.lastReadAt): the member's thread view marks the thread read whenever it
 * loads the newest messages (on open and on every refresh), so a member looking at the
 * thread has read the reply before this job runs and gets no email.
 */
import { getDb } from "../../db/client";
import { logger } from "../../log/logger";
import { appBaseUrl, sendMail } from "../../mail/mail-transport";
import type { ClaimedJob, JobOutcome } from "../jobs/job-types";
import { backoffMs } from "../jobs/job-types";
import { memberReplyEmail } from "./email-content";
import type { MemberReplyEmailPayload } from "./email-jobs";

export async function sendMemberReplyEmailJob(job: ClaimedJob): Promise<JobOutcome> {
  const p = job.payload as Partial<MemberReplyEmailPayload>;
  if (!p.threadId || !p.memberId || !p.replyAt) return { kind: "dead", error: "bad payload" };
  const db = await getDb();
  const [readState, member] = await Promise.all([
    db.threadReadState.findUnique({ where: { threadId_userId: { threadId: p.threadId, userId: p.memberId } }, select: { lastReadAt: true } }),
    db.user.findUnique({ where: { id: p.memberId }, select: { email: true, status: true, role: true } }),
  ]);
  if (readState && readState.lastReadAt >= new Date(p.replyAt)) {
    logger.info({ jobId: job.id, threadId: p.threadId }, "member reply email not needed: the member has read the thread");
    return { kind: "done" };
  }
  if (!member || member.role !== "MEMBER" || member.status !== "ACTIVE") return { kind: "done" };
  return deliver(job, () => sendMail(memberReplyEmail(member.email, appBaseUrl())), { threadId: p.threadId });
}

/** Sends, logs the outcome without the address, and turns an SMTP failure into a retry. */
export async function deliver(job: ClaimedJob, send: () => Promise<"sent" | "skipped">, ids: Record<string, string>): Promise<JobOutcome> {
  try {
    const outcome = await send();
    if (outcome === "skipped") logger.info({ jobId: job.id, jobType: job.type, ...ids }, "email skipped: SMTP_URL is not configured");
    else logger.info({ jobId: job.id, jobType: job.type, ...ids }, "email sent");
    return { kind: "done" };
  } catch (error) {
    // The error's code only (ECONNREFUSED, EAUTH…): SMTP replies can quote the address.
    const code = (error as { code?: unknown }).code;
    const reason = typeof code === "string" ? code : error instanceof Error ? error.name : "error";
    logger.warn({ jobId: job.id, jobType: job.type, attempt: job.attempts, reason, ...ids }, "email not delivered; retrying later");
    return { kind: "retry", delayMs: backoffMs(job.attempts), error: `smtp ${reason}` };
  }
}

export async function giveUpEmail(job: ClaimedJob): Promise<void> {
  logger.error({ jobId: job.id, jobType: job.type, attempts: job.attempts }, "email given up after its last attempt");
}
