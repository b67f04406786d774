import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { homePathForRole } from "@/lib/access/roles";
import { requireActorForMfaSetup } from "@/lib/auth/require-actor";
import { getMfaStatus } from "@/lib/domain/mfa/get-mfa-status";
import { isMfaRole } from "@/lib/domain/mfa/policy";
import { AccountPageShell } from "@/components/account/account-page-shell";
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
    <AccountPageShell actor={actor}>
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
    </AccountPageShell>
  );
}
