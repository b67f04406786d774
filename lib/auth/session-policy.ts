/**
 * Session lifetime rules, kept pure so they are unit-tested.
 *
 * A session ends after `idleMinutes` without user activity (shorter for staff, who work on
 * shared screens with PHI) or `maxHours` after sign-in, whichever comes first. Activity is
 * reported by the browser (components/session/activity-tracker.tsx), which refreshes the
 * token's `lastActiveAt`; every server request checks both limits.
 */
import type { Role } from "../access/roles";

export type SessionLimits = { idleMinutesStaff: number; idleMinutesMember: number; maxHours: number };

export function idleMinutesForRole(role: Role, limits: SessionLimits): number {
  return role === "MEMBER" ? limits.idleMinutesMember : limits.idleMinutesStaff;
}

export type SessionTimes = { role: Role; signedInAt: number; lastActiveAt: number };

export function sessionExpiry(token: SessionTimes, limits: SessionLimits): number {
  const idleEnd = token.lastActiveAt + idleMinutesForRole(token.role, limits) * 60_000;
  const absoluteEnd = token.signedInAt + limits.maxHours * 3_600_000;
  return Math.min(idleEnd, absoluteEnd);
}

export function isSessionExpired(token: SessionTimes, limits: SessionLimits, now: number = Date.now()): boolean {
  return now >= sessionExpiry(token, limits);
}
