"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { teamKindLabels, teamKinds, type AdminTeamView, type CreateTeamInput, type TeamKind, type WorkingHours } from "@/lib/domain/teams/schemas";
import { adminRequest, errorText } from "./admin-api";
import { FormError } from "./form-error";
import { buttonClass, inputClass, labelClass } from "./styles";
import { WorkingHoursFields, hoursFromRows, rowsFromHours } from "./working-hours-fields";

/** Create a team, or edit one: name, kind, time zone (IANA, checked on the server) and hours. */
export function TeamForm({ team, timeZones }: { team?: AdminTeamView; timeZones: string[] }) {
  const router = useRouter();
  const [rows, setRows] = useState(() => rowsFromHours(team?.hours ?? defaultHours));
  const [error, setError] = useState<string | null>(null);
  const kindLocked = team !== undefined && team.kind === "CONCIERGE" && team.memberCount > 0;
  const save = useMutation({
    mutationFn: (input: CreateTeamInput) =>
      team ? adminRequest<AdminTeamView>("PATCH", `/teams/${team.id}`, input) : adminRequest<AdminTeamView>("POST", "/teams", input),
    onSuccess: (saved) => {
      setError(null);
      if (team) router.refresh();
      else router.push(`/admin/teams/${saved.id}`);
    },
    onError: (e) => setError(errorText(e, "The team was not saved. Try again.")),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const hours = hoursFromRows(rows);
    if (typeof hours === "string") {
      setError(hours);
      return;
    }
    save.mutate({
      name: String(form.get("name") ?? ""),
      kind: (form.get("kind") ?? team?.kind) as TeamKind,
      timeZone: String(form.get("timeZone") ?? ""),
      hours,
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-5 rounded-2xl border border-slate-200 bg-white p-5" aria-label={team ? "Team settings" : "New team"}>
      <div className="grid gap-4 md:grid-cols-3">
        <div>
          <label htmlFor="team-name" className={labelClass}>
            Name
          </label>
          <input id="team-name" name="name" required minLength={2} maxLength={80} defaultValue={team?.name} className={inputClass} />
        </div>
        <div>
          <label htmlFor="team-kind" className={labelClass}>
            Kind
          </label>
          <select id="team-kind" name="kind" defaultValue={team?.kind ?? "CONCIERGE"} disabled={kindLocked} aria-describedby={kindLocked ? "team-kind-hint" : undefined} className={inputClass}>
            {teamKinds.map((k) => (
              <option key={k} value={k}>
                {teamKindLabels[k]}
              </option>
            ))}
          </select>
          {kindLocked && (
            <p id="team-kind-hint" className="mt-1 text-xs text-slate-500">
              Members belong to this team, so it stays a concierge team.
            </p>
          )}
        </div>
        <div>
          <label htmlFor="team-time-zone" className={labelClass}>
            Time zone
          </label>
          <input
            id="team-time-zone"
            name="timeZone"
            required
            list="team-time-zones"
            autoComplete="off"
            defaultValue={team?.timeZone ?? "America/New_York"}
            aria-describedby="team-time-zone-hint"
            className={inputClass}
          />
          <datalist id="team-time-zones">
            {timeZones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <p id="team-time-zone-hint" className="mt-1 text-xs text-slate-500">
            An IANA zone, such as America/Chicago. Working hours are in this zone.
          </p>
        </div>
      </div>
      <WorkingHoursFields rows={rows} onChange={setRows} />
      <FormError message={error} />
      <div className="flex justify-end">
        <button type="submit" disabled={save.isPending} className={buttonClass("primary")}>
          {save.isPending ? "Saving…" : team ? "Save changes" : "Create team"}
        </button>
      </div>
    </form>
  );
}

const defaultHours: WorkingHours = [1, 2, 3, 4, 5].map((day) => ({ day, start: "08:00", end: "18:00" }));

