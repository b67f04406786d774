/**
 * Finished jobs (an email sent, a file scanned) are deleted a week after they finished, so
 * the jobs table holds work, not history — the audit log is the history. Dead jobs stay for
 * an operator to look at. State rows that live in the table on purpose (the notifications
 * pass's cursor, status DONE so nobody claims it) are kept.
 */
import { getDb } from "../../db/client";
import { cursorJobType } from "../notifications/unsafe-derive-notifications";

export const finishedJobRetentionMs = 7 * 24 * 60 * 60_000;
const batchSize = 1_000;

export async function purgeFinishedJobs(options: { now?: Date } = {}): Promise<number> {
  const db = await getDb();
  const before = new Date((options.now ?? new Date()).getTime() - finishedJobRetentionMs);
  const rows = await db.job.findMany({
    where: { status: "DONE", updatedAt: { lt: before }, type: { not: cursorJobType } },
    select: { id: true },
    take: batchSize,
  });
  if (rows.length === 0) return 0;
  const { count } = await db.job.deleteMany({ where: { id: { in: rows.map((r) => r.id) }, status: "DONE" } });
  return count;
}
