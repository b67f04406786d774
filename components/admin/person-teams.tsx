"use client";

import { useState } from "react";
import type { PersonDetail } from "@/lib/domain/admin/schemas";
import { teamKindLabels } from "@/lib/domain/teams/schemas";
import { adminRequest } from "./admin-api";
import { ConfirmAction } from "./confirm-action";
import { FormError } from "./form-error";
import { buttonClass, inputClass, labelClass } from "./styles";
import type { TeamChoice } from "./team-checkboxes";
import { useAdminAction } from "./use-admin-action";

/** The teams a care guide, nurse or physician works in: add one, or take them out of one. */
export function PersonTeams({ person, teams }: { person: PersonDetail; teams: TeamChoice[] }) {
  const [teamId, setTeamId] = useState("");
  const change = useAdminAction(({ id, add }: { id: string; add: boolean }) =>
    adminRequest<PersonDetail>(add ? "PUT" : "DELETE", `/users/${person.id}/teams/${id}`),
  );
  const available = teams.filter((t) => !person.teams.some((p) => p.id === t.id));
  return (
    <section aria-labelledby="teams-heading" className="space-y-3 rounded-2xl border border-slate-200 bg-white p-5">
      <h2 id="teams-heading" className="text-lg font-semibold">
        Teams
      </h2>
      {person.teams.length === 0 ? (
        <p className="text-sm text-slate-600">In no team: {person.name} sees no conversations.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200" aria-label={`Teams of ${person.name}`}>
          {person.teams.map((t) => (
            <li key={t.id} className="flex items-center justify-between gap-3 px-3 py-2 text-sm">
              <span>
                <span className="font-medium">{t.name}</span> <span className="text-slate-500">· {teamKindLabels[t.kind]}</span>
                {t.archived && <span className="ml-2 text-xs text-slate-500">(archived)</span>}
              </span>
              <ConfirmAction
                trigger={`Remove from ${t.name}`}
                title={`Take ${person.name} out of ${t.name}?`}
                confirm="Remove"
                danger
                disabled={change.pending}
                onConfirm={() => change.run({ id: t.id, add: false })}
              >
                <p>From their next click on, they no longer see {t.name}&apos;s conversations. Their open tickets of this team go back to its queue unassigned.</p>
              </ConfirmAction>
            </li>
          ))}
        </ul>
      )}
      {available.length > 0 && (
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (teamId) change.run({ id: teamId, add: true });
          }}
        >
          <div>
            <label htmlFor="add-team" className={labelClass}>
              Add to team
            </label>
            <select id="add-team" value={teamId} onChange={(e) => setTeamId(e.target.value)} className={inputClass}>
              <option value="">Choose a team…</option>
              {available.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name} · {teamKindLabels[t.kind]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={!teamId || change.pending} className={buttonClass("secondary")}>
            Add
          </button>
        </form>
      )}
      <FormError message={change.error} />
    </section>
  );
}
