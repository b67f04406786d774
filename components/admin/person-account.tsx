"use client";

import type { PasswordReset, PersonDetail } from "@/lib/domain/admin/schemas";
import { adminRequest } from "./admin-api";
import { ConfirmAction } from "./confirm-action";
import { FormError } from "./form-error";
import { OneTimeSecret } from "./one-time-secret";
import { useAdminAction } from "./use-admin-action";

/**
 * Deactivate (ends every session at once) or reactivate; a new one-time password for staff;
 * a reset of a lost second factor (the person sets up two-step sign-in again).
 */
export function PersonAccount({ person, isSelf }: { person: PersonDetail; isSelf: boolean }) {
  const status = useAdminAction((what: "deactivate" | "reactivate") => adminRequest<PersonDetail>("POST", `/users/${person.id}/${what}`));
  const reset = useAdminAction(() => adminRequest<PasswordReset>("POST", `/users/${person.id}/reset-password`));
  const mfaReset = useAdminAction(() => adminRequest<PersonDetail>("POST", `/users/${person.id}/mfa/reset`));
  const active = person.status === "ACTIVE";
  const canReset = !isSelf && active && person.role !== "MEMBER" && !person.serviceUser;
  const tickets = person.assignedOpenTickets ?? 0;
  return (
    <section aria-labelledby="account-heading" className="space-y-3 rounded-2xl border border-slate-200 bg-white p-5">
      <h2 id="account-heading" className="text-lg font-semibold">
        Account
      </h2>
      {isSelf ? (
        <p className="text-sm text-slate-600">This is your own account. Another administrator changes its role or status.</p>
      ) : (
        <div className="flex flex-wrap gap-3">
          {active ? (
            <ConfirmAction trigger="Deactivate account" title={`Deactivate ${person.name}?`} confirm="Deactivate" danger disabled={status.pending} onConfirm={() => status.run("deactivate")}>
              <p>They are signed out everywhere at once and cannot sign in{person.serviceUser ? "; their API key stops working" : ""}.</p>
              {tickets > 0 && <p>Their {tickets} open {tickets === 1 ? "ticket goes" : "tickets go"} back to the queue unassigned.</p>}
              <p>You can reactivate the account later.</p>
            </ConfirmAction>
          ) : (
            <ConfirmAction trigger="Reactivate account" title={`Reactivate ${person.name}?`} confirm="Reactivate" disabled={status.pending} onConfirm={() => status.run("reactivate")}>
              <p>They can sign in again. Sessions from before the deactivation stay ended.</p>
            </ConfirmAction>
          )}
          {canReset && person.mfaEnabled && (
            <ConfirmAction
              trigger="Reset two-step sign-in"
              title={`Reset ${person.name}'s two-step sign-in?`}
              confirm="Reset two-step sign-in"
              danger
              disabled={mfaReset.pending}
              onConfirm={() => mfaReset.run(undefined)}
            >
              <p>For someone who lost both their phone and their recovery codes. Check who is asking first: in person, or by calling them back on a number you already have.</p>
              <p>Their authenticator app and recovery codes stop working and they are signed out everywhere. At their next sign-in they must set up two-step sign-in again before anything else.</p>
            </ConfirmAction>
          )}
          {canReset && (
            <ConfirmAction trigger="Reset password" title={`Reset ${person.name}'s password?`} confirm="Reset password" danger disabled={reset.pending} onConfirm={() => reset.run(undefined)}>
              <p>Their current password stops working and they are signed out everywhere. You get a new one-time password to hand over.</p>
            </ConfirmAction>
          )}
        </div>
      )}
      {!isSelf && person.passwordChangeRequired && (
        <p className="text-sm text-slate-600">They still have a one-time password: they must change it when they next sign in.</p>
      )}
      {mfaReset.data && (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          Two-step sign-in was reset. {person.name} sets it up again at the next sign-in.
        </p>
      )}
      <FormError message={status.error ?? reset.error ?? mfaReset.error} />
      {reset.data && (
        <OneTimeSecret label="New one-time password" value={reset.data.oneTimePassword}>
          Give it to {person.name} in person or by phone — never by email. They must change it when they next sign in. It is not shown again.
        </OneTimeSecret>
      )}
    </section>
  );
}
