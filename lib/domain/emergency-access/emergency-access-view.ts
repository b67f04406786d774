/** The one projection of an EmergencyAccess row into what compliance reviews. */
import type { Prisma } from "../../db/generated/client";
import type { EmergencyAccessReviewItem } from "./schemas";

export const emergencyAccessReviewSelect = {
  id: true,
  threadId: true,
  reason: true,
  createdAt: true,
  expiresAt: true,
  reviewedAt: true,
  reviewNote: true,
  user: { select: { id: true, name: true, role: true } },
  // The member's name only: the reviewer must know whose record was opened, not what it says.
  thread: { select: { member: { select: { id: true, name: true } } } },
  reviewedBy: { select: { id: true, name: true } },
} as const satisfies Prisma.EmergencyAccessSelect;

type Row = Prisma.EmergencyAccessGetPayload<{ select: typeof emergencyAccessReviewSelect }>;

export function toEmergencyAccessReviewItem(row: Row): EmergencyAccessReviewItem {
  return {
    id: row.id,
    threadId: row.threadId,
    requester: row.user,
    member: row.thread.member,
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    reviewedBy: row.reviewedBy,
    reviewNote: row.reviewNote,
  };
}
