"use client";

import { useState } from "react";
import { roleLabels } from "@/lib/access/roles";
import { accountRoles, isTeamRole, teamRoles, type PersonDetail } from "@/lib/domain/admin/schemas";
import { adminRequest } from "./admin-api";
import { ConfirmAction } from "./confirm-action";
import { FormError } from "./form-error";
import { inputClass, labelClass } from "./styles";
import { useAdminAction } from "./use-admin-action";

/**
 * Role of a staff, admin or compliance account. Members never appear here: a member's
 * account holds their own health record and never becomes staff (nor the reverse).
 */
export function PersonRole({ person }: { person: PersonDetail }) {
  const [role, setRole] = useState(person.role);
  const action = useAdminAction((to: string) => adminRequest<PersonDetail>("PATCH", `/users/${person.id}`, { role: to }));
  const choices = person.serviceUser ? teamRoles : accountRoles;
  const leavesTeams = !isTeamRole(role) && person.teams.length > 0;
  return (
    <section aria-labelledby="role-heading" className="space-y-3 rounded-2xl border border-slate-200 bg-white p-5">
      <h2 id="role-heading" className="text-lg font-semibold">
        Role
      </h2>
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="person-role" className={labelClass}>
            Role
          </label>
          <select id="person-role" value={role} onChange={(e) => setRole(e.target.value as typeof role)} className={inputClass}>
            {choices.map((r) => (
              <option key={r} value={r}>
                {roleLabels[r]}
              </option>
            ))}
          </select>
        </div>
        <ConfirmAction
          trigger="Change role"
          title={`Make ${person.name} ${roleLabels[role].toLowerCase()}?`}
          confirm="Change role"
          disabled={role === person.role || action.pending}
          onConfirm={() => action.run(role)}
        >
          <p>
            {person.name} is signed out everywhere and signs in again as {roleLabels[role].toLowerCase()}.
          </p>
          {leavesTeams && <p>They leave {person.teams.map((t) => t.name).join(", ")}, and their open tickets go back to their queues unassigned.</p>}
        </ConfirmAction>
      </div>
      <p className="text-xs text-slate-500">
        {person.serviceUser
          ? "An API client's service user is always a care guide, nurse or physician."
          : "Members and staff are separate accounts: a member's account holds their own health record, so it never becomes a staff account (nor the reverse)."}
      </p>
      <FormError message={action.error} />
    </section>
  );
}
