"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { formatClock } from "./format-clock";

const noSubscription = () => () => {};

/**
 * The console's notice that a conversation is open under break-the-glass. Prominent on
 * purpose (role=alert): the person must know this access is exceptional, short and reviewed.
 */
export function EmergencyAccessBanner({ expiresAt }: { expiresAt: string }) {
  // The server does not know the reader's time zone: it renders UTC (labelled), and the
  // browser switches to local time right after hydration without a mismatch.
  const clock = useSyncExternalStore(
    noSubscription,
    () => formatClock(expiresAt),
    () => `${formatClock(expiresAt, "UTC")} UTC`,
  );
  const [ended, setEnded] = useState(false);
  useEffect(() => {
    // The server stops answering at expiresAt anyway; this only tells the reader.
    const timer = setTimeout(() => setEnded(true), Math.max(0, Date.parse(expiresAt) - Date.now()));
    return () => clearTimeout(timer);
  }, [expiresAt]);

  return (
    <div role="alert" className="rounded-xl border-2 border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
      {ended ? (
        <p>
          <strong className="font-semibold">Emergency access ended at {clock}.</strong> Reload the page to request it again if you still need this
          conversation.
        </p>
      ) : (
        <p>
          <strong className="font-semibold">Emergency access — ends at {clock}</strong>; this access is recorded and will be reviewed.
        </p>
      )}
    </div>
  );
}
