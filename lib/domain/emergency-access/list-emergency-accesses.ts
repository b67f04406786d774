import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { authorize } from "../audit/authorize";
import { recordAudit } from "../audit/record-audit";
import { decodeCursor, encodeCursor } from "../shared/cursor";
import { emergencyAccessReviewSelect, toEmergencyAccessReviewItem } from "./emergency-access-view";
import { listEmergencyAccessesSchema, type EmergencyAccessReviewItem, type ListEmergencyAccessesInput } from "./schemas";

/** Compliance's review list (GET /api/v1/emergency-accesses), newest first. Audited. */
export async function listEmergencyAccesses(
  actor: Actor,
  input: ListEmergencyAccessesInput = {},
): Promise<{ items: EmergencyAccessReviewItem[]; nextCursor: string | null }> {
  await authorize(actor, "emergencyAccess.review");
  const { status, cursor, limit } = listEmergencyAccessesSchema.parse(input);
  const after = decodeCursor(cursor);
  const where: Prisma.EmergencyAccessWhereInput = {
    ...(status === "unreviewed" ? { reviewedAt: null } : {}),
    ...(after ? { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] } : {}),
  };
  const db = await getDb();
  const rows = await db.emergencyAccess.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit + 1, select: emergencyAccessReviewSelect });
  const page = rows.slice(0, limit);
  const last = page.at(-1);

  // The list names members and shows requesters' reasons: record whose, like thread.list.
  const memberIds = [...new Set(page.map((r) => r.thread.member.id))];
  await recordAudit(db, actor, { action: "emergencyAccess.list", details: { status, count: page.length, memberIds } });

  return {
    items: page.map(toEmergencyAccessReviewItem),
    nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}
