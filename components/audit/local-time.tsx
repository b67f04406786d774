"use client";

import { useSyncExternalStore } from "react";

/**
 * A time (or a span of times) in the reader's own time zone. The server cannot know that
 * zone, so it renders UTC and says so; the browser switches to local time after hydration
 * (useSyncExternalStore's server snapshot), without a hydration mismatch.
 */
const noSubscription = () => () => {};

function format(fromIso: string, toIso: string | null, timeZone: string | undefined): string {
  const f = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", ...(timeZone ? { timeZone } : {}) });
  const from = new Date(fromIso);
  const text = toIso && f.format(from) !== f.format(new Date(toIso)) ? f.formatRange(from, new Date(toIso)) : f.format(from);
  return timeZone === "UTC" ? `${text} UTC` : text;
}

export function LocalTime({ iso, until = null }: { iso: string; until?: string | null }) {
  const text = useSyncExternalStore(
    noSubscription,
    () => format(iso, until, undefined),
    () => format(iso, until, "UTC"),
  );
  return (
    <time dateTime={iso} title={until ? `${iso} – ${until}` : iso}>
      {text}
    </time>
  );
}
