/**
 * Job: the email of one staff alert (NEW_TICKET, MENTION, SLA_BREACH), if the person wants
 * alert emails (NotificationPreference.emailEnabled, on unless turned off) and has not
 * already seen the alert in the app. A system job for one person's own notification.
 */
import { getDb } from "../../db/client";
import { isStaffRole } from "../../access/roles";
import { appBaseUrl, sendMail } from "../../mail/mail-transport";
import type { ClaimedJob, JobOutcome } from "../jobs/job-types";
import type { StaffAlertType } from "./email-content";
import { staffAlertEmail } from "./email-content";
import type { StaffAlertEmailPayload } from "./email-jobs";
import { deliver } from "./send-member-reply-email";

const emailedTypes: ReadonlySet<string> = new Set<StaffAlertType>(["NEW_TICKET", "MENTION", "SLA_BREACH"]);

export async function sendStaffAlertEmailJob(job: ClaimedJob): Promise<JobOutcome> {
  const p = job.payload as Partial<StaffAlertEmailPayload>;
  if (!p.notificationId) return { kind: "dead", error: "bad payload" };
  const db = await getDb();
  const notification = await db.notification.findUnique({
    where: { id: p.notificationId },
    select: { type: true, readAt: true, user: { select: { email: true, status: true, role: true, preferences: { select: { emailEnabled: true } } } } },
  });
  if (!notification || notification.readAt || !emailedTypes.has(notification.type)) return { kind: "done" };
  const user = notification.user;
  if (user.status !== "ACTIVE" || !isStaffRole(user.role) || user.preferences?.emailEnabled === false) return { kind: "done" };
  return deliver(job, () => sendMail(staffAlertEmail(user.email, notification.type as StaffAlertType, appBaseUrl())), { notificationId: p.notificationId });
}
