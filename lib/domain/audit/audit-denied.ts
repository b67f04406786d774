/**
 * Records a denied attempt (wrong role, or a record outside the actor's scope) and
 * rethrows. Denials are audited outside any transaction: the attempt failed, but the fact
 * that it was made must survive.
 */
import { getDb } from "../../db/client";
import type { Actor } from "../../access/actor";
import { isAppError } from "../../errors";
import { recordAudit, type AuditEntry } from "./record-audit";

export async function auditDenied(actor: Actor, entry: Omit<AuditEntry, "outcome">, error: unknown): Promise<never> {
  if (isAppError(error) && (error.code === "FORBIDDEN" || error.code === "NOT_FOUND")) {
    const db = await getDb();
    await recordAudit(db, actor, { ...entry, outcome: "DENIED", details: { code: error.code } });
  }
  throw error;
}
