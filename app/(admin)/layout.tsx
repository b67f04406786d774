import { AppShell, type NavItem } from "@/components/layout/app-shell";
import type { Role } from "@/lib/access/roles";
import { requireActor } from "@/lib/auth/require-actor";
import { idleMinutesFor } from "@/lib/auth/face";

export const dynamic = "force-dynamic";

// Each role sees only its own work: admins manage people, teams and keys; compliance
// reviews. Both land on the overview. The pages check the role again themselves.
const navByRole: Partial<Record<Role, NavItem[]>> = {
  ADMIN: [
    { href: "/admin", label: "Overview" },
    { href: "/admin/teams", label: "Teams" },
    { href: "/admin/people", label: "People" },
    { href: "/admin/api-clients", label: "API clients" },
  ],
  COMPLIANCE: [
    { href: "/admin", label: "Overview" },
    { href: "/admin/audit", label: "Audit log" },
    { href: "/admin/emergency-reviews", label: "Emergency reviews" },
  ],
};

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor(["ADMIN", "COMPLIANCE"]);
  return (
    <AppShell actor={actor} face="Administration" nav={navByRole[actor.role] ?? []} idleMinutes={idleMinutesFor(actor.role)}>
      {children}
    </AppShell>
  );
}
