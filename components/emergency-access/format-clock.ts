/** "HH:MM" on a 24-hour clock, in the browser's time zone unless one is given. */
export function formatClock(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", ...(timeZone ? { timeZone } : {}) }).format(new Date(iso));
}
