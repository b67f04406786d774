import { AppShell } from "@/components/layout/app-shell";
import { requireActor } from "@/lib/auth/require-actor";
import { idleMinutesFor } from "@/lib/auth/face";
import { staffRoles } from "@/lib/access/roles";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor(staffRoles);
  return (
    <AppShell actor={actor} face="Console" nav={[{ href: "/console", label: "Queue" }]} idleMinutes={idleMinutesFor(actor.role)}>
      {children}
    </AppShell>
  );
}
