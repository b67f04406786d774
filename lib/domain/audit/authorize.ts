/**
 * ⚠ SECURITY: the capability check every domain operation starts with. A denial is
 * audited (DESIGN.md §3: denied attempts are audited) and answered FORBIDDEN. Record-level
 * denials — a record outside the actor's scope — are the operation's own NOT_FOUND, audited
 * by the operation.
 */
import type { Actor } from "../../access/actor";
import { can, type Capability } from "../../access/capabilities";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "./record-audit";

export type DeniedTarget = { memberId?: string | null; recordType?: string | null; recordId?: string | null };

export async function authorize(actor: Actor, capability: Capability, target: DeniedTarget = {}): Promise<void> {
  if (can(actor.role, capability)) return;
  const db = await getDb();
  await recordAudit(db, actor, { ...target, action: capability, outcome: "DENIED", reason: "not_permitted_for_role" });
  throw new AppError("FORBIDDEN");
}
