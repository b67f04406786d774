import type { Metadata } from "next";
import Link from "next/link";
import { homePathForRole, roleLabels } from "@/lib/access/roles";
import { idleMinutesFor } from "@/lib/auth/face";
import { requireActorForPasswordChange } from "@/lib/auth/require-actor";
import { MFA_SETUP_PATH } from "@/lib/domain/mfa/schemas";
import { SignedInProviders } from "@/components/session/providers";
import { SignOutButton } from "@/components/session/sign-out-button";
import { ChangePasswordForm } from "@/components/account/change-password-form";

export const metadata: Metadata = { title: "Change password" };
export const dynamic = "force-dynamic";

/**
 * Change one's own password. The one page (besides two-step set-up) a session may open
 * while it still holds the one-time password an administrator handed over — so it has no
 * face navigation, only sign-out (and a way back once nothing is required).
 */
export default async function ChangePasswordPage() {
  const { actor, passwordChangeRequired, mfaSetupRequired } = await requireActorForPasswordChange();
  // After the change, two-step set-up may still be due before anything else.
  const next = mfaSetupRequired ? MFA_SETUP_PATH : homePathForRole(actor.role);
  return (
    <SignedInProviders idleMinutes={idleMinutesFor(actor.role)}>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-3xl items-center gap-3 px-4">
          <span className="flex items-center gap-2 font-semibold text-brand-700">
            <span aria-hidden className="flex h-7 w-7 items-center justify-center rounded-lg bg-brand-600 text-sm font-bold text-white">
              C
            </span>
            Concierge
          </span>
          <div className="ml-auto flex items-center gap-2">
            <p className="hidden text-right text-sm leading-tight sm:block">
              <span className="block font-medium" data-testid="signed-in-name">
                {actor.name}
              </span>
              <span className="block text-xs text-slate-500">{roleLabels[actor.role]}</span>
            </p>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-3xl space-y-6 px-4 py-8">
        <div className="space-y-2">
          <h1 className="text-2xl font-semibold tracking-tight">Change password</h1>
          {passwordChangeRequired ? (
            <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              You signed in with a one-time password from your administrator. Choose your own password to continue: nothing else in
              Concierge is available until then.
            </p>
          ) : (
            <Link href={next} className="text-sm text-brand-700 underline">
              Back to Concierge
            </Link>
          )}
        </div>
        <ChangePasswordForm oneTimePassword={passwordChangeRequired} homePath={next} />
      </main>
    </SignedInProviders>
  );
}
