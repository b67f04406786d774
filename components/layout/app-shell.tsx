import Link from "next/link";
import type { Actor } from "@/lib/access/actor";
import { isStaffRole, roleLabels } from "@/lib/access/roles";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { SignOutButton } from "@/components/session/sign-out-button";
import { SignedInProviders } from "@/components/session/providers";

export type NavItem = { href: string; label: string };

/** The frame of every signed-in face: product name, face navigation, who is signed in. */
export function AppShell({
  actor,
  face,
  nav,
  idleMinutes,
  children,
}: {
  actor: Actor;
  face: string;
  nav: NavItem[];
  idleMinutes: number;
  children: React.ReactNode;
}) {
  return (
    <SignedInProviders idleMinutes={idleMinutes} live={actor.role === "MEMBER" || isStaffRole(actor.role)} viewer={{ userId: actor.userId, teamIds: [...actor.teamIds] }}>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="sticky top-0 z-40 border-b border-slate-200 bg-white/95 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-2 px-3 sm:gap-4 sm:px-4">
          <Link href="/" className="flex items-center gap-2 font-semibold text-brand-700">
            <span aria-hidden className="flex h-7 w-7 items-center justify-center rounded-lg bg-brand-600 text-sm font-bold text-white">
              C
            </span>
            {/* On the narrowest phones the mark alone, so the navigation fits without scrolling. */}
            <span className="hidden min-[420px]:inline">Concierge</span>
            <span className="hidden text-sm font-normal text-slate-500 sm:inline">· {face}</span>
          </Link>
          <nav aria-label="Primary" className="flex min-w-0 gap-1">
            {nav.map((item) => (
              <Link key={item.href} href={item.href} className="whitespace-nowrap rounded-md px-2 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 sm:px-3">
                {item.label}
              </Link>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-2">
            {/* Alerts: staff only (docs/notifications.md); members are told by email. */}
            {isStaffRole(actor.role) && <NotificationBell />}
            <p className="hidden text-right text-sm leading-tight sm:block">
              <span className="block font-medium" data-testid="signed-in-name">{actor.name}</span>
              <span className="block text-xs text-slate-500">
                {roleLabels[actor.role]}
                {/* Staff, admins and compliance set up (or manage) their second factor here. */}
                {actor.role !== "MEMBER" && (
                  <>
                    {" · "}
                    <Link href="/account/two-step" className="text-brand-700 hover:underline">
                      Two-step sign-in
                    </Link>
                  </>
                )}
              </span>
            </p>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </SignedInProviders>
  );
}
