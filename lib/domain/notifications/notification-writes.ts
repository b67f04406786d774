/**
 * The rows of new notifications and of the staff emails they lead to, for system passes
 * (outbox → notifications, the SLA sweep). Emails are queued only for the alert types staff
 * may get by email, for people who have not turned email off, and only when SMTP is
 * configured; otherwise the skip is logged once per pass.
 */
import type { NotificationType, Prisma } from "../../db/generated/client";
import { logger } from "../../log/logger";
import { mailConfigured } from "../../mail/mail-transport";
import { staffAlertEmailJobData } from "../email/email-jobs";
import { uuid7 } from "../shared/uuid7";

export type NewNotification = { userId: string; type: NotificationType; threadId: string | null; ticketId: string | null };

const emailedTypes: ReadonlySet<NotificationType> = new Set(["NEW_TICKET", "MENTION", "SLA_BREACH"]);

type Tx = Pick<Prisma.TransactionClient, "notification" | "notificationPreference" | "job">;

/** Writes the notifications and queues their emails; answers how many notifications. */
export async function writeNotifications(tx: Tx, items: NewNotification[], now: Date, extraEmailFor: string[] = []): Promise<number> {
  const rows = items.map((n) => ({ id: uuid7(now.getTime()), ...n, createdAt: now }));
  if (rows.length > 0) await tx.notification.createMany({ data: rows });
  const toEmail = [...rows.filter((r) => emailedTypes.has(r.type)).map((r) => ({ id: r.id, userId: r.userId })), ...(await emailTargets(tx, extraEmailFor))];
  await queueStaffEmails(tx, toEmail, now);
  return rows.length;
}

async function emailTargets(tx: Tx, notificationIds: string[]): Promise<{ id: string; userId: string }[]> {
  if (notificationIds.length === 0) return [];
  return tx.notification.findMany({ where: { id: { in: notificationIds } }, select: { id: true, userId: true } });
}

async function queueStaffEmails(tx: Tx, targets: { id: string; userId: string }[], now: Date): Promise<void> {
  if (targets.length === 0) return;
  if (!mailConfigured()) {
    logger.info({ count: targets.length }, "alert emails skipped: SMTP_URL is not configured");
    return;
  }
  const optedOut = await tx.notificationPreference.findMany({
    where: { userId: { in: [...new Set(targets.map((t) => t.userId))] }, emailEnabled: false },
    select: { userId: true },
  });
  const off = new Set(optedOut.map((o) => o.userId));
  const jobs = targets.filter((t) => !off.has(t.userId)).map((t) => staffAlertEmailJobData(t.id, now));
  if (jobs.length > 0) await tx.job.createMany({ data: jobs, skipDuplicates: true });
}
