/**
 * ⚠ SECURITY: the answer to an attachment the actor may not reach — missing, out of scope,
 * malformed id, or (for content) not CLEAN look the same: NOT_FOUND, audited as DENIED.
 */
import { z } from "zod";
import type { Actor } from "../../access/actor";
import type { PrismaClient } from "../../db/generated/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";

export function parseAttachmentId(raw: string): string | null {
  const parsed = z.guid().safeParse(raw);
  return parsed.success ? parsed.data.toLowerCase() : null;
}

export async function attachmentNotFound(db: Pick<PrismaClient, "auditLog">, actor: Actor, action: string, attachmentId: string, reason = "out_of_scope"): Promise<AppError> {
  await recordAudit(db, actor, { action, outcome: "DENIED", recordType: "attachment", recordId: attachmentId.slice(0, 64), reason });
  return new AppError("NOT_FOUND");
}
