"use client";

import { useState } from "react";
import type { MemberTeamChange, PersonDetail } from "@/lib/domain/admin/schemas";
import { adminRequest } from "./admin-api";
import { ConfirmAction } from "./confirm-action";
import { FormError } from "./form-error";
import { inputClass, labelClass } from "./styles";
import type { TeamChoice } from "./team-checkboxes";
import { useAdminAction } from "./use-admin-action";

/** A member's concierge team: who answers them. Their open conversations move with them. */
export function MemberTeam({ person, teams }: { person: PersonDetail; teams: TeamChoice[] }) {
  const current = person.teams[0] ?? null;
  const [teamId, setTeamId] = useState(current?.id ?? "");
  const [moved, setMoved] = useState<MemberTeamChange | null>(null);
  const assign = useAdminAction((id: string) => adminRequest<MemberTeamChange>("PUT", `/members/${person.id}/team`, { teamId: id }), setMoved);
  const concierge = teams.filter((t) => t.kind === "CONCIERGE");
  const target = concierge.find((t) => t.id === teamId);
  const open = person.openConversations ?? 0;
  return (
    <section aria-labelledby="member-team-heading" className="space-y-3 rounded-2xl border border-slate-200 bg-white p-5">
      <h2 id="member-team-heading" className="text-lg font-semibold">
        Concierge team
      </h2>
      <p className="text-sm text-slate-600">
        {current ? (
          <>
            Now: <strong>{current.name}</strong>
            {current.archived && " (archived: new conversations go to triage)"}.
          </>
        ) : (
          <>No concierge team: new conversations wait in triage.</>
        )}{" "}
        {open} open {open === 1 ? "conversation" : "conversations"} would move with a change.
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="member-team" className={labelClass}>
            Concierge team
          </label>
          <select id="member-team" value={teamId} onChange={(e) => setTeamId(e.target.value)} className={inputClass}>
            {!current && <option value="">No team (triage)</option>}
            {current?.archived && <option value={current.id}>{current.name} (archived)</option>}
            {concierge.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <ConfirmAction
          trigger="Move member"
          title={`Move ${person.name} to ${target?.name ?? "this team"}?`}
          confirm="Move"
          disabled={!target || teamId === current?.id || assign.pending}
          onConfirm={() => assign.run(teamId)}
        >
          <p>
            {target?.name ?? "The team"} answers them from now on. All their conversations with {current?.name ?? "triage"} move to its queue — the {open} open{" "}
            {open === 1 ? "one" : "ones"} unassigned, closed ones too, so a later message on any of them reaches {target?.name ?? "the new team"} — and{" "}
            {current?.name ?? "triage"} no longer sees them or the member&apos;s details.
          </p>
        </ConfirmAction>
      </div>
      {moved && (
        <p role="status" className="text-sm text-emerald-800">
          Moved: {moved.movedThreads} {moved.movedThreads === 1 ? "conversation" : "conversations"} and {moved.movedTickets} {moved.movedTickets === 1 ? "ticket" : "tickets"}.
        </p>
      )}
      <FormError message={assign.error} />
    </section>
  );
}
