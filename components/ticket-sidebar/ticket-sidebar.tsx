"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TicketDetail, UpdateTicketInput } from "@/lib/domain/tickets/schemas";
import { ticketPriorities } from "@/lib/domain/tickets/schemas";
import { api, ApiError } from "@/components/api/api-client";
import { caseTypes, priorityLabels, statusLabels } from "@/components/format/ticket-labels";
import type { AttachmentView } from "@/lib/domain/attachments/schemas";
import { AttachmentList } from "@/components/attachments/attachment-list";
import { CollaboratorsSection } from "./collaborators-section";
import { safetyRefetchMs } from "@/components/live/live-context";

const manualTargets = ["OPEN", "PENDING", "ON_HOLD", "SOLVED", "CLOSED"] as const;

function when(iso: string | null) {
  return iso ? new Date(iso).toLocaleString("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" }) : "—";
}

function eventText(e: TicketDetail["events"][number], names: Map<string, string>) {
  const who = e.actor?.name ?? "System";
  const label = (v: string | null) => (v ? (statusLabels[v] ?? priorityLabels[v] ?? names.get(v) ?? v) : "nobody");
  switch (e.type) {
    case "CREATED":
      return `${who} opened the ticket`;
    case "STATUS_CHANGED":
      return `${who}: ${label(e.fromValue)} → ${label(e.toValue)}`;
    case "ASSIGNED":
      return `${who} assigned it to ${label(e.toValue)}`;
    case "PRIORITY_CHANGED":
      return `${who} set priority ${label(e.toValue)}`;
    case "CASE_TYPE_CHANGED":
      return `${who} set case type “${e.toValue ?? "none"}”`;
    case "FOLLOW_UP_OPENED":
      return `Follow-up to an earlier ticket`;
    default:
      return `${who}: ${e.type.toLowerCase().replaceAll("_", " ")}`;
  }
}

/** State, assignee, priority, case type, times, files, collaborators and history of the thread's ticket. */
export function TicketSidebar({ initial, meId }: { initial: TicketDetail; meId: string }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const ticket = useQuery({
    queryKey: ["ticket", initial.id],
    queryFn: () => api.get<TicketDetail>(`/tickets/${initial.id}`),
    initialData: initial,
    // Live events invalidate it (components/live); this is only the safety net.
    refetchInterval: safetyRefetchMs,
  }).data;
  const update = useMutation({
    mutationFn: (input: UpdateTicketInput) => api.patch<TicketDetail>(`/tickets/${initial.id}`, input),
    onSuccess: (next) => {
      setError(null);
      queryClient.setQueryData(["ticket", initial.id], next);
      void queryClient.invalidateQueries({ queryKey: ["queue"] });
    },
    onError: (e) => setError(e instanceof ApiError ? e.message : "Could not save the change."),
  });
  const names = new Map(ticket.assignableStaff.map((s) => [s.id, s.name]));
  const closed = ticket.status === "CLOSED";
  const select = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm disabled:bg-slate-100";

  return (
    <section aria-labelledby="ticket-heading" className="space-y-4 rounded-2xl border border-slate-200 bg-white p-4 text-sm">
      <h2 id="ticket-heading" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        Ticket
      </h2>
      <div>
        <label htmlFor="ticket-status" className="font-medium text-slate-700">
          State
        </label>
        <select
          id="ticket-status"
          className={select}
          value={ticket.status}
          disabled={closed || update.isPending}
          onChange={(e) => update.mutate({ status: e.target.value as UpdateTicketInput["status"] })}
        >
          {ticket.status === "NEW" && <option value="NEW">New</option>}
          {ticket.status === "CLOSED" && <option value="CLOSED">Closed</option>}
          {manualTargets.map((s) => (
            <option key={s} value={s}>
              {statusLabels[s]}
            </option>
          ))}
        </select>
        {closed && <p className="mt-1 text-xs text-slate-500">A new message from the member opens a follow-up ticket.</p>}
      </div>
      <div>
        <label htmlFor="ticket-assignee" className="font-medium text-slate-700">
          Assignee
        </label>
        <div className="flex gap-2">
          <select
            id="ticket-assignee"
            className={select}
            value={ticket.assigneeId ?? ""}
            disabled={closed || update.isPending}
            onChange={(e) => update.mutate({ assigneeId: e.target.value || null })}
          >
            <option value="">Unassigned</option>
            {ticket.assignableStaff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          {ticket.assigneeId !== meId && names.has(meId) && !closed && (
            <button type="button" onClick={() => update.mutate({ assigneeId: meId })} className="mt-1 shrink-0 rounded-md border border-brand-600 px-2.5 text-sm font-medium text-brand-700 hover:bg-brand-50">
              Take it
            </button>
          )}
        </div>
      </div>
      <div className="grid grid-cols-2 gap-2">
        <div>
          <label htmlFor="ticket-priority" className="font-medium text-slate-700">
            Priority
          </label>
          <select id="ticket-priority" className={select} value={ticket.priority} disabled={closed || update.isPending} onChange={(e) => update.mutate({ priority: e.target.value as UpdateTicketInput["priority"] })}>
            {ticketPriorities.map((p) => (
              <option key={p} value={p}>
                {priorityLabels[p]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="ticket-case-type" className="font-medium text-slate-700">
            Case type
          </label>
          <select id="ticket-case-type" className={select} value={ticket.caseType ?? ""} disabled={closed || update.isPending} onChange={(e) => update.mutate({ caseType: e.target.value || null })}>
            <option value="">Not set</option>
            {[...new Set([...caseTypes, ...(ticket.caseType ? [ticket.caseType] : [])])].map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-2 py-1.5 text-red-800">
          {error}
        </p>
      )}
      <dl className="grid grid-cols-[7.5rem_1fr] gap-y-1">
        <dt className="text-slate-500">Created</dt>
        <dd>{when(ticket.createdAt)}</dd>
        <dt className="text-slate-500">First response</dt>
        <dd>{when(ticket.firstResponseAt)}</dd>
      </dl>
      <TicketAttachments items={ticket.attachments} threadId={ticket.threadId} />
      <CollaboratorsSection ticketId={ticket.id} threadId={ticket.threadId} />
      <div>
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">History</h3>
        <ol className="mt-1 space-y-1.5 border-l border-slate-200 pl-3" aria-label="Ticket history" data-testid="ticket-history">
          {ticket.events.map((e) => (
            <li key={e.id} className="text-slate-700">
              <span className="block">{eventText(e, names)}</span>
              <time className="text-xs text-slate-500" dateTime={e.createdAt}>
                {when(e.createdAt)}
              </time>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}

/** The ticket's files, newest first. */
function TicketAttachments({ items, threadId }: { items: AttachmentView[]; threadId: string }) {
  return (
    <div>
      <h3 id="ticket-attachments-heading" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        Attachments{items.length > 0 && <span className="ml-1 font-normal normal-case tracking-normal text-slate-400">({items.length})</span>}
      </h3>
      {items.length === 0 ? (
        <p className="mt-1 text-slate-500">No attachments yet.</p>
      ) : (
        <AttachmentList items={items} label="Ticket attachments" threadId={threadId} testId="ticket-attachments" />
      )}
    </div>
  );
}
