import { describe, expect, it, vi } from "vitest";
import type { WorkingDay } from "../teams/schemas";
import { computeSlaDue, parseTeamHours } from "./sla-due";
import { addWorkingMinutes, zonedTimeToInstant } from "./working-hours";

const weekdays = (start: string, end: string): WorkingDay[] => [1, 2, 3, 4, 5].map((day) => ({ day, start, end }));
const ny = "America/New_York";
const at = (iso: string) => new Date(iso);

describe("zonedTimeToInstant", () => {
  it("turns a wall time into the instant, on both sides of daylight saving", () => {
    expect(new Date(zonedTimeToInstant(2026, 1, 15, 8, 0, ny)).toISOString()).toBe("2026-01-15T13:00:00.000Z"); // EST, UTC−5
    expect(new Date(zonedTimeToInstant(2026, 7, 15, 8, 0, ny)).toISOString()).toBe("2026-07-15T12:00:00.000Z"); // EDT, UTC−4
    expect(new Date(zonedTimeToInstant(2026, 7, 15, 8, 0, "Asia/Kolkata")).toISOString()).toBe("2026-07-15T02:30:00.000Z");
  });
});

describe("addWorkingMinutes", () => {
  const hours = weekdays("08:00", "18:00");

  it("adds inside one working day", () => {
    // Wednesday 2026-01-14 10:00 New York (15:00Z) + 60 min
    expect(addWorkingMinutes(at("2026-01-14T15:00:00Z"), 60, hours, ny).toISOString()).toBe("2026-01-14T16:00:00.000Z");
  });

  it("carries the rest into the next working day", () => {
    // Wednesday 17:30 + 60 min → 30 min left today, 30 min Thursday from 08:00 → 08:30 (13:30Z)
    expect(addWorkingMinutes(at("2026-01-14T22:30:00Z"), 60, hours, ny).toISOString()).toBe("2026-01-15T13:30:00.000Z");
  });

  it("skips the weekend", () => {
    // Friday 2026-01-16 17:00 New York + 120 min → 60 min Friday, 60 min Monday → Monday 09:00 (14:00Z)
    expect(addWorkingMinutes(at("2026-01-16T22:00:00Z"), 120, hours, ny).toISOString()).toBe("2026-01-19T14:00:00.000Z");
    // A message on Saturday waits for Monday's opening.
    expect(addWorkingMinutes(at("2026-01-17T15:00:00Z"), 30, hours, ny).toISOString()).toBe("2026-01-19T13:30:00.000Z");
  });

  it("starts the clock at opening time when the message came before it", () => {
    // Tuesday 06:00 New York → opens 08:00 → +15 min
    expect(addWorkingMinutes(at("2026-01-13T11:00:00Z"), 15, hours, ny).toISOString()).toBe("2026-01-13T13:15:00.000Z");
  });

  it("follows daylight-saving changes (the US spring forward, Sunday 2026-03-08)", () => {
    // Friday 2026-03-06 17:00 EST (22:00Z) + 120 min → Monday 09:00 EDT = 13:00Z
    expect(addWorkingMinutes(at("2026-03-06T22:00:00Z"), 120, hours, ny).toISOString()).toBe("2026-03-09T13:00:00.000Z");
  });

  it("works in the team's zone, not the server's", () => {
    const tokyo = "Asia/Tokyo";
    // Friday 2026-01-16 18:00 Tokyo = 09:00Z; Tokyo hours 09:00–18:00 → Monday 09:30 Tokyo = Monday 00:30Z
    expect(addWorkingMinutes(at("2026-01-16T09:00:00Z"), 30, weekdays("09:00", "18:00"), tokyo).toISOString()).toBe("2026-01-19T00:30:00.000Z");
    // The same instant is Thursday evening in Los Angeles: two hours into Friday there.
    expect(addWorkingMinutes(at("2026-01-16T09:00:00Z"), 120, weekdays("08:00", "17:00"), "America/Los_Angeles").toISOString()).toBe(
      "2026-01-16T18:00:00.000Z",
    );
  });

  it("spans several days and a Saturday half day", () => {
    const withSaturday = [...weekdays("08:00", "17:00"), { day: 6, start: "09:00", end: "13:00" }];
    // Friday 16:00 New York + 9 h: 1 h Friday, 4 h Saturday, 4 h Monday → Monday 12:00 = 17:00Z
    expect(addWorkingMinutes(at("2026-01-16T21:00:00Z"), 540, withSaturday, ny).toISOString()).toBe("2026-01-19T17:00:00.000Z");
  });

  it("counts wall time when the team keeps no hours (around the clock)", () => {
    expect(addWorkingMinutes(at("2026-01-17T15:00:00Z"), 90, [], ny).toISOString()).toBe("2026-01-17T16:30:00.000Z");
  });
});

describe("computeSlaDue", () => {
  const calendar = {
    timeZone: ny,
    hours: weekdays("08:00", "18:00"),
    policies: [{ priority: "NORMAL" as const, firstResponseMinutes: 60, nextResponseMinutes: 240 }],
  };
  const waiting = at("2026-01-14T15:00:00Z");

  it("uses the first-response target before the first response, then the next-response one", () => {
    expect(computeSlaDue({ status: "NEW", priority: "NORMAL", waitingSince: waiting, firstResponseAt: null }, calendar)).toEqual({
      kind: "first_response",
      minutes: 60,
      dueAt: at("2026-01-14T16:00:00Z"),
    });
    expect(computeSlaDue({ status: "OPEN", priority: "NORMAL", waitingSince: waiting, firstResponseAt: at("2026-01-13T15:00:00Z") }, calendar)?.dueAt).toEqual(
      at("2026-01-14T19:00:00Z"),
    );
  });

  it("has no target when nobody waits, the ticket is on hold, or the priority has no policy", () => {
    expect(computeSlaDue({ status: "OPEN", priority: "NORMAL", waitingSince: null, firstResponseAt: null }, calendar)).toBeNull();
    expect(computeSlaDue({ status: "ON_HOLD", priority: "NORMAL", waitingSince: waiting, firstResponseAt: null }, calendar)).toBeNull();
    expect(computeSlaDue({ status: "PENDING", priority: "NORMAL", waitingSince: waiting, firstResponseAt: null }, calendar)).toBeNull();
    expect(computeSlaDue({ status: "NEW", priority: "URGENT", waitingSince: waiting, firstResponseAt: null }, calendar)).toBeNull();
    expect(computeSlaDue({ status: "NEW", priority: "NORMAL", waitingSince: waiting, firstResponseAt: null }, undefined)).toBeNull();
  });

  it("reads stored hours defensively", () => {
    expect(parseTeamHours([{ day: 1, start: "08:00", end: "17:00" }])).toEqual([{ day: 1, start: "08:00", end: "17:00" }]);
    expect(parseTeamHours("nonsense")).toEqual([]);
  });
});

describe("addWorkingMinutes, repeated", () => {
  // A queue page computes the due time of up to 100 tickets of the same team on every
  // request: the walk's day boundaries must not be formatted anew each time (each one cost
  // two Intl formatToParts calls; docs/performance.md, "CPU per request").
  it("formats a zone's day boundaries once: a repeated walk formats only its start", () => {
    const hours = weekdays("09:00", "17:00");
    const start = at("2026-03-06T20:00:00Z"); // a Friday evening (21:00 in Berlin), so the walk crosses a weekend
    const first = addWorkingMinutes(start, 30 * 60, hours, "Europe/Berlin").toISOString();
    const spy = vi.spyOn(Intl.DateTimeFormat.prototype, "formatToParts");
    try {
      expect(addWorkingMinutes(start, 30 * 60, hours, "Europe/Berlin").toISOString()).toBe(first);
      expect(spy.mock.calls.length).toBeLessThanOrEqual(1);
    } finally {
      spy.mockRestore();
    }
    expect(first).toBe("2026-03-12T14:00:00.000Z"); // Mon–Wed 3 × 8 h, then 6 h on Thursday: 15:00 in Berlin (UTC+1)
  });
});
