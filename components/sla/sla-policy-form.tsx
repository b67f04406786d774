"use client";

import { useState, type FormEvent } from "react";
import { ticketPriorities, type TicketPriority } from "@/lib/domain/tickets/schemas";
import type { TeamSlaView, UpdateTeamSlaInput } from "@/lib/domain/sla/schemas";
import { priorityLabels } from "@/components/format/ticket-labels";
import { adminRequest } from "@/components/admin/admin-api";
import { FormError } from "@/components/admin/form-error";
import { buttonClass } from "@/components/admin/styles";
import { useAdminAction } from "@/components/admin/use-admin-action";

type Row = { priority: TicketPriority; on: boolean; first: string; next: string };

function rowsOf(view: TeamSlaView): Row[] {
  return ticketPriorities.map((priority) => {
    const p = view.policies.find((x) => x.priority === priority);
    return { priority, on: Boolean(p), first: String(p?.firstResponseMinutes ?? 60), next: String(p?.nextResponseMinutes ?? 240) };
  });
}

/** First-response and next-response targets per priority, in working minutes; an unticked priority has none. */
export function SlaPolicyForm({ view }: { view: TeamSlaView }) {
  const [rows, setRows] = useState(() => rowsOf(view));
  const [localError, setLocalError] = useState<string | null>(null);
  const save = useAdminAction((input: UpdateTeamSlaInput) => adminRequest<TeamSlaView>("PUT", `/teams/${view.teamId}/sla`, input));
  const update = (priority: TicketPriority, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.priority === priority ? { ...r, ...patch } : r)));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const on = rows.filter((r) => r.on);
    const bad = on.find((r) => !(Number(r.first) >= 1) || !(Number(r.next) >= 1) || !Number.isInteger(Number(r.first)) || !Number.isInteger(Number(r.next)));
    if (bad) {
      setLocalError(`${priorityLabels[bad.priority]}: targets are whole minutes, at least 1.`);
      return;
    }
    setLocalError(null);
    save.run({ policies: on.map((r) => ({ priority: r.priority, firstResponseMinutes: Number(r.first), nextResponseMinutes: Number(r.next) })) });
  }

  const field = "w-24 rounded-md border border-slate-300 px-2 py-1 text-right text-sm tabular-nums disabled:bg-slate-100 disabled:text-slate-400";
  return (
    <form onSubmit={onSubmit} aria-label="Response targets" className="space-y-4 rounded-2xl border border-slate-200 bg-white p-5">
      <table className="w-full text-sm">
        <thead>
          <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
            <th className="py-1 font-medium">Priority</th>
            <th className="py-1 text-right font-medium">First response (min)</th>
            <th className="py-1 text-right font-medium">Next response (min)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.priority} className="border-t border-slate-100">
              <td className="py-2">
                <label className="flex items-center gap-2">
                  <input type="checkbox" checked={r.on} onChange={(e) => update(r.priority, { on: e.target.checked })} className="accent-brand-600" />
                  {priorityLabels[r.priority]}
                </label>
              </td>
              <td className="py-2 text-right">
                <input aria-label={`${priorityLabels[r.priority]} first response minutes`} inputMode="numeric" value={r.first} disabled={!r.on} onChange={(e) => update(r.priority, { first: e.target.value })} className={field} />
              </td>
              <td className="py-2 text-right">
                <input aria-label={`${priorityLabels[r.priority]} next response minutes`} inputMode="numeric" value={r.next} disabled={!r.on} onChange={(e) => update(r.priority, { next: e.target.value })} className={field} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FormError message={localError ?? save.error} />
      {save.data && !save.error && !localError && (
        <p role="status" className="text-sm text-emerald-800">
          Targets saved.
        </p>
      )}
      <button type="submit" disabled={save.pending} className={buttonClass()}>
        Save targets
      </button>
    </form>
  );
}
