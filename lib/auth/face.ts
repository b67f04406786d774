/** Idle limit per role, for the browser's inactivity timer. */
import type { Role } from "../access/roles";
import { sessionLimits } from "./options";
import { idleMinutesForRole } from "./session-policy";

export function idleMinutesFor(role: Role): number {
  return idleMinutesForRole(role, sessionLimits());
}
