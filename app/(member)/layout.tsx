import { AppShell } from "@/components/layout/app-shell";
import { requireActor } from "@/lib/auth/require-actor";
import { idleMinutesFor } from "@/lib/auth/face";

export const dynamic = "force-dynamic";

const memberNav = [
  { href: "/messages", label: "Messages" },
  // The page is "Who has seen my messages"; the short label fits a phone's header.
  { href: "/messages/access", label: "Access report" },
];

export default async function MemberLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor(["MEMBER"]);
  return (
    <AppShell actor={actor} face="Messages" nav={memberNav} idleMinutes={idleMinutesFor(actor.role)}>
      {children}
    </AppShell>
  );
}
