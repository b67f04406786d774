"use client";

import { weekdayLabels, type WorkingHours } from "@/lib/domain/teams/schemas";

export type HoursRow = { day: number; open: boolean; start: string; end: string };

export function rowsFromHours(hours: WorkingHours): HoursRow[] {
  return weekdayLabels.map((_, i) => {
    const day = i + 1;
    const set = hours.find((h) => h.day === day);
    return { day, open: set !== undefined, start: set?.start ?? "08:00", end: set?.end ?? "17:00" };
  });
}

/** The hours to send, or a message naming the first day that does not add up. */
export function hoursFromRows(rows: HoursRow[]): WorkingHours | string {
  const open = rows.filter((r) => r.open);
  const bad = open.find((r) => !r.start || !r.end || r.start >= r.end);
  if (bad) return `${weekdayLabels[bad.day - 1]}: the closing time must be after the opening time.`;
  return open.map(({ day, start, end }) => ({ day, start, end }));
}

/** One row per weekday: open or not, and from when to when (24-hour, the team's time zone). */
export function WorkingHoursFields({ rows, onChange }: { rows: HoursRow[]; onChange: (rows: HoursRow[]) => void }) {
  const update = (day: number, patch: Partial<HoursRow>) => onChange(rows.map((r) => (r.day === day ? { ...r, ...patch } : r)));
  const time = "rounded-md border border-slate-300 px-2 py-1 text-sm disabled:bg-slate-100 disabled:text-slate-400";
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">Working hours</legend>
      <p className="text-xs text-slate-500">Days left unticked are closed.</p>
      <div className="mt-2 grid gap-x-8 gap-y-1.5 md:grid-cols-2">
        {rows.map((r) => {
          const name = weekdayLabels[r.day - 1];
          return (
            <div key={r.day} className="flex items-center gap-3 text-sm">
              <label className="flex w-32 items-center gap-2">
                <input type="checkbox" checked={r.open} onChange={(e) => update(r.day, { open: e.target.checked })} className="accent-brand-600" />
                {name}
              </label>
              <input type="time" aria-label={`${name} opens`} value={r.start} disabled={!r.open} onChange={(e) => update(r.day, { start: e.target.value })} className={time} />
              <span aria-hidden>–</span>
              <input type="time" aria-label={`${name} closes`} value={r.end} disabled={!r.open} onChange={(e) => update(r.day, { end: e.target.value })} className={time} />
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
