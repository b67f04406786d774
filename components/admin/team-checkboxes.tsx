import { teamKindLabels, type TeamKind } from "@/lib/domain/teams/schemas";

export type TeamChoice = { id: string; name: string; kind: TeamKind };

/** A labelled group of team checkboxes, named `teamIds`. */
export function TeamCheckboxes({ teams, legend, disabled = false, hint }: { teams: TeamChoice[]; legend: string; disabled?: boolean; hint?: string }) {
  return (
    <fieldset disabled={disabled} className="disabled:opacity-60">
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      {hint && <p className="text-xs text-slate-500">{hint}</p>}
      {teams.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">There are no active teams yet.</p>
      ) : (
        <div className="mt-2 grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {teams.map((t) => (
            <label key={t.id} className="flex items-center gap-2 rounded-lg border border-slate-200 px-3 py-2 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50">
              <input type="checkbox" name="teamIds" value={t.id} className="accent-brand-600" />
              <span>
                {t.name} <span className="text-xs text-slate-500">· {teamKindLabels[t.kind]}</span>
              </span>
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}
