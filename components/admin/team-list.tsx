import Link from "next/link";
import { teamKindLabels, type AdminTeamView } from "@/lib/domain/teams/schemas";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusPill } from "./status-pill";

/** "No nurse" is a warning, not a block: a new team starts empty (DESIGN.md §4 wants one). */
export function TeamWarnings({ team }: { team: AdminTeamView }) {
  if (team.archivedAt || team.kind !== "CONCIERGE" || team.nurseCount > 0) return null;
  return <span className="ml-2 inline-flex rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">No nurse</span>;
}

export function TeamList({ teams, showingArchived }: { teams: AdminTeamView[]; showingArchived: boolean }) {
  if (teams.length === 0) {
    return (
      <EmptyState title={showingArchived ? "No teams at all yet" : "No active teams"}>
        <Link href="/admin/teams/new" className="font-medium text-brand-700 underline">
          Create a team
        </Link>
      </EmptyState>
    );
  }
  return (
    <DataTable
      columns={[
        { label: "Team" },
        { label: "Kind" },
        { label: "Time zone" },
        { label: "Staff", className: "text-right" },
        { label: "Members", className: "text-right" },
        { label: "Open tickets", className: "text-right" },
        { label: "Status" },
      ]}
    >
      {teams.map((team) => (
        <tr key={team.id}>
          <td className="px-4 py-2.5 font-medium">
            <Link href={`/admin/teams/${team.id}`} className="text-brand-700 hover:underline">
              {team.name}
            </Link>
            <TeamWarnings team={team} />
          </td>
          <td className="px-4 py-2.5 text-slate-600">{teamKindLabels[team.kind]}</td>
          <td className="px-4 py-2.5 text-slate-600">{team.timeZone}</td>
          <td className="px-4 py-2.5 text-right tabular-nums">{team.staffCount}</td>
          <td className="px-4 py-2.5 text-right tabular-nums">{team.memberCount}</td>
          <td className="px-4 py-2.5 text-right tabular-nums">{team.openTickets}</td>
          <td className="px-4 py-2.5">
            <StatusPill active={team.archivedAt === null} inactiveLabel="Archived" />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
