import { AppError } from "../errors";
import type { Actor } from "./actor";
import { can, type Capability } from "./capabilities";

/**
 * ⚠ SECURITY: throws FORBIDDEN when the actor's role lacks the capability. Domain functions
 * call it first; a denial is audited by the caller's audit helper (see
 * lib/domain/audit/run-audited.ts).
 */
export function assertCan(actor: Actor, capability: Capability): void {
  if (!can(actor.role, capability)) {
    throw new AppError("FORBIDDEN");
  }
}
