import { AppError } from "../errors";
import type { Actor } from "./actor";
import { can, type Capability } from "./capabilities";

/**
 * Throws FORBIDDEN when the actor's role lacks the capability, without auditing. Domain
 * operations use lib/domain/audit/authorize.ts instead, which audits the denial; this is
 * for pure code paths with no database.
 */
export function assertCan(actor: Actor, capability: Capability): void {
  if (!can(actor.role, capability)) {
    throw new AppError("FORBIDDEN");
  }
}
