import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { auditRowData } from "../audit/audit-row-data";
import { authorize } from "../audit/authorize";
import { isRecordNotFound } from "../messages/prisma-errors";
import { emergencyAccessReviewSelect, toEmergencyAccessReviewItem } from "./emergency-access-view";
import { reviewEmergencyAccessSchema, type EmergencyAccessReviewItem, type ReviewEmergencyAccessInput } from "./schemas";
import { parseRecordId } from "../shared/record-id";
import { recordNotFound } from "../audit/record-not-found";

const action = "emergencyAccess.review";
const alreadyReviewed = () => new AppError("CONFLICT", "This emergency access was already reviewed.");

/** Compliance marks one emergency access reviewed, with an optional note. Audited. */
export async function reviewEmergencyAccess(actor: Actor, accessId: string, input: ReviewEmergencyAccessInput): Promise<EmergencyAccessReviewItem> {
  const target = { recordType: "emergencyAccess", recordId: accessId };
  await authorize(actor, action, target, { denyAs: "NOT_FOUND" });
  const { note } = reviewEmergencyAccessSchema.parse(input);
  const db = await getDb();
  const id = parseRecordId(accessId);
  const existing = id ? await db.emergencyAccess.findUnique({ where: { id }, select: { reviewedAt: true, userId: true, threadId: true, thread: { select: { memberId: true } } } }) : null;
  if (!id || !existing) {
    throw await recordNotFound(db, actor, { ...target, action, reason: "not_found" });
  }
  if (existing.reviewedAt) throw alreadyReviewed();

  const now = new Date();
  try {
    // The `reviewedAt: null` guard makes a concurrent second review fail (P2025) instead of
    // overwriting the first reviewer's note.
    const [row] = await db.$transaction([
      db.emergencyAccess.update({
        where: { id, reviewedAt: null },
        data: { reviewedAt: now, reviewedById: actor.userId, reviewNote: note || null },
        select: emergencyAccessReviewSelect,
      }),
      db.auditLog.create({
        data: auditRowData(actor, {
          action,
          memberId: existing.thread.memberId,
          recordType: "emergencyAccess",
          recordId: id,
          // Ids only; the note stays on the access row.
          details: { threadId: existing.threadId, requesterId: existing.userId, withNote: Boolean(note) },
        }),
      }),
    ]);
    return toEmergencyAccessReviewItem(row);
  } catch (error) {
    if (isRecordNotFound(error)) throw alreadyReviewed();
    throw error;
  }
}
