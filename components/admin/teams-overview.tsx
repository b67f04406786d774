import Link from "next/link";
import type { TeamOverview } from "@/lib/domain/teams/list-teams";
import { teamKindLabels } from "@/lib/domain/teams/schemas";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";

/** The overview's team table: head counts and open work — numbers only. */
export function TeamsOverview({ teams, triageOpenTickets }: { teams: TeamOverview[]; triageOpenTickets: number }) {
  return (
    <section aria-labelledby="teams-heading" className="space-y-4">
      <h2 id="teams-heading" className="text-lg font-semibold tracking-tight">
        Teams
      </h2>
      {triageOpenTickets > 0 && (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <strong>{triageOpenTickets}</strong> open {triageOpenTickets === 1 ? "ticket is" : "tickets are"} waiting in triage: the members have no concierge team yet.{" "}
          <Link href="/admin/people?type=member" className="font-medium underline">
            Give them a team
          </Link>
        </p>
      )}
      {teams.length === 0 ? (
        <EmptyState title="No teams yet">
          <Link href="/admin/teams/new" className="font-medium text-brand-700 underline">
            Create the first team
          </Link>
        </EmptyState>
      ) : (
        <DataTable columns={[{ label: "Team" }, { label: "Kind" }, { label: "Staff", className: "text-right" }, { label: "Members", className: "text-right" }, { label: "Open tickets", className: "text-right" }]}>
          {teams.map((team) => (
            <tr key={team.id}>
              <td className="px-4 py-2.5 font-medium">
                <Link href={`/admin/teams/${team.id}`} className="hover:underline">
                  {team.name}
                </Link>
              </td>
              <td className="px-4 py-2.5 text-slate-600">{teamKindLabels[team.kind]}</td>
              <td className="px-4 py-2.5 text-right tabular-nums">{team.staffCount}</td>
              <td className="px-4 py-2.5 text-right tabular-nums">{team.memberCount}</td>
              <td className="px-4 py-2.5 text-right tabular-nums">{team.openTickets}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
