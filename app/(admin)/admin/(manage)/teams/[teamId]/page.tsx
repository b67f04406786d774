import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/require-actor";
import { orNotFound } from "@/lib/http/or-not-found";
import { getAdminTeam } from "@/lib/domain/teams/get-admin-team";
import { teamKindLabels } from "@/lib/domain/teams/schemas";
import { TeamArchive } from "@/components/admin/team-archive";
import { TeamForm } from "@/components/admin/team-form";
import { TeamWarnings } from "@/components/admin/team-list";
import { TeamStaff } from "@/components/admin/team-staff";
import { StatusPill } from "@/components/admin/status-pill";

export const metadata: Metadata = { title: "Team · Administration" };

export default async function TeamPage({ params }: { params: Promise<{ teamId: string }> }) {
  const actor = await requireActor(["ADMIN"]);
  const team = await orNotFound(getAdminTeam(actor, (await params).teamId));
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/admin/teams" className="text-brand-700 hover:underline">
          ← Teams
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{team.name}</h1>
        <StatusPill active={team.archivedAt === null} inactiveLabel="Archived" />
        <TeamWarnings team={team} />
      </div>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4" aria-label="Team numbers">
        {[
          ["Kind", teamKindLabels[team.kind]],
          ["Staff", team.staffCount],
          ["Members", team.memberCount],
          ["Open tickets", team.openTickets],
        ].map(([label, value]) => (
          <div key={label} className="rounded-2xl border border-slate-200 bg-white px-4 py-3">
            <dt className="text-xs uppercase tracking-wide text-slate-500">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm">
        <Link href={`/admin/teams/${team.id}/sla`} className="font-medium text-brand-700 hover:underline">
          Response targets (SLA) →
        </Link>
      </p>
      <TeamForm key={team.id + team.name + team.timeZone + JSON.stringify(team.hours)} team={team} timeZones={Intl.supportedValuesOf("timeZone")} />
      <TeamStaff team={team} />
      <TeamArchive team={team} />
    </div>
  );
}
