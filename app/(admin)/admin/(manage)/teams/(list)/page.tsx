import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/require-actor";
import { listAdminTeams } from "@/lib/domain/teams/list-admin-teams";
import { TeamList } from "@/components/admin/team-list";
import { buttonClass } from "@/components/admin/styles";

export const metadata: Metadata = { title: "Teams · Administration" };

export default async function TeamsPage({ searchParams }: { searchParams: Promise<{ archived?: string }> }) {
  const actor = await requireActor(["ADMIN"]);
  const showArchived = (await searchParams).archived === "true";
  const { items } = await listAdminTeams(actor, { archived: showArchived ? "true" : "false" });
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Teams</h1>
        <div className="flex items-center gap-3">
          <Link href={showArchived ? "/admin/teams" : "/admin/teams?archived=true"} className="text-sm font-medium text-brand-700 hover:underline">
            {showArchived ? "Hide archived teams" : "Show archived teams"}
          </Link>
          <Link href="/admin/teams/new" className={buttonClass("primary")}>
            New team
          </Link>
        </div>
      </div>
      <TeamList teams={items} showingArchived={showArchived} />
    </div>
  );
}
