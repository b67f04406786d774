/**
 * ⚠ SECURITY: the one answer to a record the actor may not reach — missing, out of its scope,
 * or a malformed id (lib/domain/shared/record-id.ts) look the same: NOT_FOUND, existence is
 * never disclosed, and the attempt is audited as DENIED. The audit row names the id that was
 * asked for (made safe for PostgreSQL and bounded by auditRowData, whatever the request
 * held), never the member behind it: nothing of that person was shown.
 */
import type { Actor } from "../../access/actor";
import type { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors";
import { recordAudit } from "./record-audit";

export type NotFoundAttempt = {
  /** The operation's audit action (e.g. "thread.read"). */
  action: string;
  recordType: string;
  /** The id as the request gave it (raw: it is sanitised where it is written). */
  recordId: string;
  /** Why, for the reviewer: "out_of_scope" (default) or "not_found". */
  reason?: string;
};

export async function recordNotFound(
  db: Pick<Prisma.TransactionClient, "auditLog">,
  actor: Actor,
  attempt: NotFoundAttempt,
  message?: string,
): Promise<AppError> {
  await recordAudit(db, actor, {
    action: attempt.action,
    outcome: "DENIED",
    recordType: attempt.recordType,
    recordId: attempt.recordId,
    reason: attempt.reason ?? "out_of_scope",
  });
  return new AppError("NOT_FOUND", message);
}
