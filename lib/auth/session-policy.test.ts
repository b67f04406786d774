import { describe, expect, it } from "vitest";
import { idleMinutesForRole, isSessionExpired, sessionExpiry } from "./session-policy";

const limits = { idleMinutesStaff: 15, idleMinutesMember: 30, maxHours: 12 };
const t0 = Date.UTC(2026, 10, 26, 9, 0, 0);
const min = 60_000;

describe("session policy", () => {
  it("gives staff a shorter idle limit than members", () => {
    expect(idleMinutesForRole("CARE_GUIDE", limits)).toBe(15);
    expect(idleMinutesForRole("NURSE", limits)).toBe(15);
    expect(idleMinutesForRole("ADMIN", limits)).toBe(15);
    expect(idleMinutesForRole("MEMBER", limits)).toBe(30);
  });

  it("expires a staff session after 15 idle minutes, not before", () => {
    const token = { role: "CARE_GUIDE" as const, signedInAt: t0, lastActiveAt: t0 };
    expect(isSessionExpired(token, limits, t0 + 14 * min)).toBe(false);
    expect(isSessionExpired(token, limits, t0 + 15 * min)).toBe(true);
  });

  it("activity moves the idle limit", () => {
    const token = { role: "MEMBER" as const, signedInAt: t0, lastActiveAt: t0 + 60 * min };
    expect(isSessionExpired(token, limits, t0 + 80 * min)).toBe(false);
    expect(isSessionExpired(token, limits, t0 + 90 * min)).toBe(true);
  });

  it("ends every session at the absolute limit, whatever the activity", () => {
    const token = { role: "MEMBER" as const, signedInAt: t0, lastActiveAt: t0 + 12 * 60 * min - 1 };
    expect(sessionExpiry(token, limits)).toBe(t0 + 12 * 60 * min);
    expect(isSessionExpired(token, limits, t0 + 12 * 60 * min)).toBe(true);
  });
});
