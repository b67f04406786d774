"use client";

import { useState, type FormEvent } from "react";
import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { roleLabels } from "@/lib/access/roles";
import { accountRoles, isTeamRole, type CreateStaffUserInput, type CreatedStaffUser } from "@/lib/domain/admin/schemas";
import { adminRequest, errorText } from "./admin-api";
import { FormError } from "./form-error";
import { OneTimeSecret } from "./one-time-secret";
import { buttonClass, inputClass, labelClass } from "./styles";
import { TeamCheckboxes, type TeamChoice } from "./team-checkboxes";

/**
 * A new staff, admin or compliance account. Nobody types a password: the server makes a
 * one-time password, and this form shows it once, after which it is gone from the page.
 */
export function StaffUserForm({ teams }: { teams: TeamChoice[] }) {
  const [role, setRole] = useState<(typeof accountRoles)[number]>("CARE_GUIDE");
  const [error, setError] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const create = useMutation({
    mutationFn: (input: CreateStaffUserInput) => adminRequest<CreatedStaffUser>("POST", "/users", input),
    onSuccess: () => setError(null),
    onError: (e) => setError(errorText(e, "The account was not created. Try again.")),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      role,
      teamIds: isTeamRole(role) ? form.getAll("teamIds").map(String) : [],
    });
  }

  if (create.data) {
    const { user, oneTimePassword } = create.data;
    return (
      <div className="space-y-4">
        <p role="status" className="text-sm text-slate-700">
          <strong>{user.name}</strong> ({roleLabels[user.role]}) can now sign in as <strong>{user.email}</strong>.
        </p>
        <OneTimeSecret label="One-time password" value={oneTimePassword}>
          Copy it now and give it to {user.name} in person or by phone — never by email. They must change it when they first sign in. It is not shown again; if it is lost, reset the password from their page.
        </OneTimeSecret>
        <div className="flex gap-3">
          <Link href={`/admin/people/${user.id}`} className={buttonClass("primary")}>
            Open {user.name}
          </Link>
          <button
            type="button"
            className={buttonClass("secondary")}
            onClick={() => {
              create.reset();
              setFormKey((k) => k + 1);
            }}
          >
            Create another
          </button>
        </div>
      </div>
    );
  }

  return (
    <form key={formKey} onSubmit={onSubmit} aria-label="New staff account" className="space-y-5 rounded-2xl border border-slate-200 bg-white p-5">
      <div className="grid gap-4 md:grid-cols-3">
        <div>
          <label htmlFor="user-name" className={labelClass}>
            Full name
          </label>
          <input id="user-name" name="name" required minLength={2} maxLength={120} autoComplete="off" className={inputClass} />
        </div>
        <div>
          <label htmlFor="user-email" className={labelClass}>
            Email
          </label>
          <input id="user-email" name="email" type="email" required maxLength={254} autoComplete="off" className={inputClass} />
        </div>
        <div>
          <label htmlFor="user-role" className={labelClass}>
            Role
          </label>
          <select id="user-role" name="role" value={role} onChange={(e) => setRole(e.target.value as typeof role)} className={inputClass}>
            {accountRoles.map((r) => (
              <option key={r} value={r}>
                {roleLabels[r]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <TeamCheckboxes
        teams={teams}
        legend="Teams"
        disabled={!isTeamRole(role)}
        hint={isTeamRole(role) ? "They see the conversations of these teams." : "Administrators and compliance work in no team."}
      />
      <FormError message={error} />
      <div className="flex justify-end">
        <button type="submit" disabled={create.isPending} className={buttonClass("primary")}>
          {create.isPending ? "Creating…" : "Create account"}
        </button>
      </div>
    </form>
  );
}
