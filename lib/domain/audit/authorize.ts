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

export type AuthorizeOptions = {
  /**
   * For operations on one addressed record (a thread, ticket, member by id): a role that may
   * never reach such records has an empty scope, so the record is simply not found for it —
   * 404, like any other out-of-scope record; existence is never confirmed. Collection
   * operations (list, create) keep the honest 403.
   */
  denyAs?: "FORBIDDEN" | "NOT_FOUND";
};

export async function authorize(actor: Actor, capability: Capability, target: DeniedTarget = {}, options: AuthorizeOptions = {}): Promise<void> {
  if (can(actor.role, capability)) return;
  const db = await getDb();
  await recordAudit(db, actor, { ...target, action: capability, outcome: "DENIED", reason: "not_permitted_for_role" });
  throw new AppError(options.denyAs ?? "FORBIDDEN");
}
