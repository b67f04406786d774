import type { Metadata } from "next";
import Link from "next/link";
import { homePathForRole } from "@/lib/access/roles";
import { requireActorForPasswordChange } from "@/lib/auth/require-actor";
import { MFA_SETUP_PATH } from "@/lib/domain/mfa/schemas";
import { AccountPageShell } from "@/components/account/account-page-shell";
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
    <AccountPageShell actor={actor}>
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
    </AccountPageShell>
  );
}
