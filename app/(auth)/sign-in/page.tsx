import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActorForMfaSetup } from "@/lib/auth/get-actor";
import { MFA_SETUP_PATH } from "@/lib/domain/mfa/schemas";
import { homePathForRole } from "@/lib/access/roles";
import { SignInForm } from "@/components/session/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const signedIn = await getActorForMfaSetup();
  if (signedIn) redirect(signedIn.mfaSetupRequired ? MFA_SETUP_PATH : homePathForRole(signedIn.actor.role));
  const { reason } = await searchParams;
  return (
    <main className="flex min-h-dvh items-center justify-center bg-gradient-to-b from-brand-50 to-slate-50 p-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <div aria-hidden className="mx-auto mb-3 flex h-12 w-12 items-center justify-center rounded-2xl bg-brand-600 text-xl font-bold text-white">
            C
          </div>
          <h1 className="text-2xl font-semibold tracking-tight">Sign in to Concierge</h1>
          <p className="mt-1 text-sm text-slate-600">Secure messages with your care team</p>
        </div>
        {reason === "idle" && (
          <p role="status" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            You were signed out after a period of inactivity.
          </p>
        )}
        {reason === "mfa" && (
          <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            Two-step sign-in is on. Sign in again with a code from your authenticator app.
          </p>
        )}
        <SignInForm />
      </div>
    </main>
  );
}
