/**
 * Working-time arithmetic for response targets (docs/sla.md). Pure: no clock, no database.
 *
 * A team's hours are one interval per ISO weekday (1 = Monday … 7 = Sunday) in the team's
 * IANA time zone (Team.hours / Team.timeZone, validated by workingHoursSchema). The due time
 * of a target of M minutes that starts at instant S is found by walking the team's local
 * calendar day by day from S's local date: each open day's interval is turned into two real
 * instants (so a daylight-saving change moves the interval, not the arithmetic), clipped to
 * start no earlier than S, and its length is taken from M until M is used up. No hours at
 * all means the team works around the clock (plain wall time).
 */
import type { WorkingDay } from "../teams/schemas";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

type LocalParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function localParts(instantMs: number, timeZone: string): LocalParts {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instantMs)) {
    if (p.type !== "literal") out[p.type] = Number(p.value);
  }
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour! % 24, minute: out.minute!, second: out.second! };
}

/** Local wall time minus UTC at this instant, in ms (e.g. −4 h in New York in summer). */
function offsetMs(instantMs: number, timeZone: string): number {
  const p = localParts(instantMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/**
 * The instant of a local wall time in a zone. Two passes settle the offset on both sides of
 * a daylight-saving change; a wall time that does not exist (the spring-forward hour) comes
 * out shifted by the jump, which is what a clock on the wall would show.
 */
export function zonedTimeToInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const key = `${timeZone} ${year}-${month}-${day} ${hour}:${minute}`;
  let instant = instants.get(key);
  if (instant === undefined) {
    if (instants.size >= maxCachedInstants) instants.clear();
    instant = computeZonedInstant(year, month, day, hour, minute, timeZone);
    instants.set(key, instant);
  }
  return instant;
}

/**
 * zonedTimeToInstant's answers. The function is pure in its arguments (the zone rules do not
 * change while the process runs), and a queue page walks the same team's same few days for
 * up to 100 tickets on every request: each boundary cost two Intl formatToParts calls
 * (docs/performance.md, "CPU per request"). Bounded: cleared when full.
 */
const instants = new Map<string, number>();
const maxCachedInstants = 20_000;

function computeZonedInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = offsetMs(guess, timeZone);
  let instant = guess - first;
  const second = offsetMs(instant, timeZone);
  if (second !== first) instant = guess - second;
  return instant;
}

/** How far ahead the walk looks before giving up (a team open one hour a week still fits). */
const maxDays = 3 * 366;

/** The instant `minutes` working minutes after `start`, in the team's hours and zone. */
export function addWorkingMinutes(start: Date, minutes: number, hours: readonly WorkingDay[], timeZone: string): Date {
  let remaining = Math.max(0, minutes) * 60_000;
  const startMs = start.getTime();
  if (hours.length === 0) return new Date(startMs + remaining);
  const byDay = new Map(hours.map((h) => [h.day, h]));
  const local = localParts(startMs, timeZone);
  for (let k = 0; k < maxDays; k++) {
    // The k-th local calendar day after the start's, as a plain date (UTC arithmetic on dates).
    const date = new Date(Date.UTC(local.year, local.month - 1, local.day + k));
    const isoDay = ((date.getUTCDay() + 6) % 7) + 1;
    const open = byDay.get(isoDay);
    if (!open) continue;
    const [sh, sm] = open.start.split(":").map(Number) as [number, number];
    const [eh, em] = open.end.split(":").map(Number) as [number, number];
    const y = date.getUTCFullYear();
    const m = date.getUTCMonth() + 1;
    const d = date.getUTCDate();
    const from = Math.max(zonedTimeToInstant(y, m, d, sh, sm, timeZone), startMs);
    const to = zonedTimeToInstant(y, m, d, eh, em, timeZone);
    if (from >= to) continue;
    if (remaining <= to - from) return new Date(from + remaining);
    remaining -= to - from;
  }
  // Unreachable with valid hours; a target is never "due" before its start.
  return new Date(startMs + maxDays * 86_400_000);
}
