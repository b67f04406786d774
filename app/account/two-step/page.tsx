import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { homePathForRole, roleLabels } from "@/lib/access/roles";
import { idleMinutesFor } from "@/lib/auth/face";
import { requireActorForMfaSetup } from "@/lib/auth/require-actor";
import { getMfaStatus } from "@/lib/domain/mfa/get-mfa-status";
import { isMfaRole } from "@/lib/domain/mfa/policy";
import { SignedInProviders } from "@/components/session/providers";
import { SignOutButton } from "@/components/session/sign-out-button";
import { TwoStepSettings } from "@/components/mfa/two-step-settings";

export const metadata: Metadata = { title: "Two-step sign-in" };
export const dynamic = "force-dynamic";

/**
 * Two-step sign-in for staff: set up, new recovery codes, turn off. The one page a staff
 * session may open before setting it up when REQUIRE_STAFF_MFA is on — so it has no face
 * navigation, only sign-out (and a way back once nothing is required).
 */
export default async function TwoStepPage() {
  const { actor, mfaSetupRequired } = await requireActorForMfaSetup();
  if (!isMfaRole(actor.role) || actor.apiClientId !== null) notFound();
  const status = await getMfaStatus(actor);
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
          <h1 className="text-2xl font-semibold tracking-tight">Two-step sign-in</h1>
          {mfaSetupRequired ? (
            <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              Staff accounts must use two-step sign-in. Set it up to continue: nothing else in Concierge is available until then.
            </p>
          ) : (
            <Link href={homePathForRole(actor.role)} className="text-sm text-brand-700 underline">
              Back to Concierge
            </Link>
          )}
        </div>
        <TwoStepSettings status={status} />
      </main>
    </SignedInProviders>
  );
}
