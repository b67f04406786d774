import { AppShell } from "@/components/layout/app-shell";
import { requireActor } from "@/lib/auth/require-actor";
import { idleMinutesFor } from "@/lib/auth/face";
import { staffRoles } from "@/lib/access/roles";

export const dynamic = "force-dynamic";

const consoleNav = [
  { href: "/console", label: "Queue" },
  // Conversations a colleague brought the viewer into with an @mention.
  { href: "/console/mentions", label: "Mentions" },
];

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor(staffRoles);
  return (
    <AppShell actor={actor} face="Console" nav={consoleNav} idleMinutes={idleMinutesFor(actor.role)}>
      {children}
    </AppShell>
  );
}
