/**
 * ⚠ SECURITY: the answer to a thread the actor may not reach — missing, out of scope, or a
 * malformed id look the same (NOT_FOUND, existence is not disclosed) and the attempt is
 * audited as DENIED. No unscoped read happens here: the audit row names the thread id
 * that was asked for, not its member.
 */
import { z } from "zod";
import type { Actor } from "../../access/actor";
import type { PrismaClient } from "../../db/generated/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";

const threadIdSchema = z.uuid();

/** The id if it is a well-formed UUID, else null (a malformed id is simply not found). */
export function parseThreadId(raw: string): string | null {
  const parsed = threadIdSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export async function threadNotFound(db: Pick<PrismaClient, "auditLog">, actor: Actor, action: string, threadId: string): Promise<AppError> {
  await recordAudit(db, actor, {
    action,
    outcome: "DENIED",
    recordType: "thread",
    // Bounded: the id came from the request and may be anything.
    recordId: threadId.slice(0, 64),
    reason: "out_of_scope",
  });
  return new AppError("NOT_FOUND");
}
