import type { ReactNode } from "react";
import type { Actor } from "@/lib/access/actor";
import { roleLabels } from "@/lib/access/roles";
import { idleMinutesFor } from "@/lib/auth/face";
import { SignedInProviders } from "@/components/session/providers";
import { SignOutButton } from "@/components/session/sign-out-button";

/**
 * The frame of the account pages a session may open before it may do anything else
 * (changing a one-time password, setting up two-step sign-in): no face navigation, only who
 * is signed in and sign-out.
 */
export function AccountPageShell({ actor, children }: { actor: Actor; children: ReactNode }) {
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
        {children}
      </main>
    </SignedInProviders>
  );
}
