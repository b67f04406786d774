import { AppShell } from "@/components/layout/app-shell";
import { requireActor } from "@/lib/auth/require-actor";
import { idleMinutesFor } from "@/lib/auth/face";

export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor(["ADMIN", "COMPLIANCE"]);
  return (
    <AppShell actor={actor} face="Administration" nav={[{ href: "/admin", label: "Overview" }]} idleMinutes={idleMinutesFor(actor.role)}>
      {children}
    </AppShell>
  );
}
