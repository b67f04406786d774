"use client";

import type { QueueSla } from "@/lib/domain/sla/schemas";
import { formatDuration } from "@/components/format/duration";

const kindLabels: Record<QueueSla["kind"], string> = { first_response: "first response", next_response: "next response" };

/** "2 h 5 min left" or "Overdue 12 min" for the response target running on a ticket (docs/sla.md). */
export function SlaTimeLeft({ sla, now }: { sla: QueueSla | null; now: number }) {
  if (!sla) return <span className="text-slate-400">—</span>;
  const due = new Date(sla.dueAt);
  const left = due.getTime() - now;
  const title = `${kindLabels[sla.kind]} due ${due.toLocaleString("en-US", { weekday: "short", hour: "numeric", minute: "2-digit" })}`;
  if (left <= 0) {
    return (
      <span title={title} data-testid="sla-overdue" className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-800">
        Overdue {formatDuration(-left)}
      </span>
    );
  }
  return (
    <span title={title} data-testid="sla-left" className={left < 15 * 60_000 ? "font-medium text-amber-800" : "text-slate-700"}>
      {formatDuration(left)} left
    </span>
  );
}
