import { AppShell } from "@/components/layout/app-shell";
import { requireActor } from "@/lib/auth/require-actor";
import { idleMinutesFor } from "@/lib/auth/face";

export const dynamic = "force-dynamic";

export default async function MemberLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor(["MEMBER"]);
  return (
    <AppShell actor={actor} face="Messages" nav={[{ href: "/messages", label: "Messages" }]} idleMinutes={idleMinutesFor(actor.role)}>
      {children}
    </AppShell>
  );
}
