"use client";

import { useState, type FormEvent } from "react";
import { roleLabels } from "@/lib/access/roles";
import { teamRoles, type CreateApiClientInput, type CreatedApiClient } from "@/lib/domain/admin/schemas";
import { adminRequest } from "./admin-api";
import { FormError } from "./form-error";
import { OneTimeSecret } from "./one-time-secret";
import { buttonClass, inputClass, labelClass } from "./styles";
import { TeamCheckboxes, type TeamChoice } from "./team-checkboxes";
import { useAdminAction } from "./use-admin-action";

/** Issue a key: a name, the role its service user acts as, and the teams it may reach. */
export function ApiClientForm({ teams }: { teams: TeamChoice[] }) {
  const [formKey, setFormKey] = useState(0);
  const [issued, setIssued] = useState<CreatedApiClient | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const create = useAdminAction((input: CreateApiClientInput) => adminRequest<CreatedApiClient>("POST", "/api-clients", input), setIssued);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const teamIds = form.getAll("teamIds").map(String);
    if (teamIds.length === 0) {
      setLocalError("Choose at least one team: a client without a team reaches nothing.");
      return;
    }
    setLocalError(null);
    create.run({ name: String(form.get("name") ?? ""), role: form.get("role") as CreateApiClientInput["role"], teamIds });
  }

  if (issued) {
    return (
      <div className="space-y-3">
        <OneTimeSecret label={`API key for ${issued.client.name}`} value={issued.key}>
          Store it in the calling app&apos;s secret store now; it is sent as <code>Authorization: Bearer …</code>. It cannot be shown again — if it is lost, revoke this client and issue a new one.
        </OneTimeSecret>
        <button
          type="button"
          className={buttonClass("secondary")}
          onClick={() => {
            setIssued(null);
            setFormKey((k) => k + 1);
          }}
        >
          Done
        </button>
      </div>
    );
  }

  return (
    <form key={formKey} onSubmit={onSubmit} aria-label="New API client" className="space-y-4 rounded-2xl border border-slate-200 bg-white p-5">
      <h2 className="text-lg font-semibold">New API client</h2>
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <label htmlFor="client-name" className={labelClass}>
            Name
          </label>
          <input id="client-name" name="name" required minLength={2} maxLength={80} autoComplete="off" placeholder="e.g. Scheduling app" className={inputClass} />
        </div>
        <div>
          <label htmlFor="client-role" className={labelClass}>
            Acts as
          </label>
          <select id="client-role" name="role" defaultValue="CARE_GUIDE" className={inputClass}>
            {teamRoles.map((r) => (
              <option key={r} value={r}>
                {roleLabels[r]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <TeamCheckboxes teams={teams} legend="Teams it may reach" hint="The client sees what a person with this role in these teams sees, and nothing else." />
      <FormError message={localError ?? create.error} />
      <div className="flex justify-end">
        <button type="submit" disabled={create.pending} className={buttonClass("primary")}>
          {create.pending ? "Issuing…" : "Issue key"}
        </button>
      </div>
    </form>
  );
}
