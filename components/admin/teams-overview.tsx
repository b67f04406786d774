import type { TeamOverview } from "@/lib/domain/teams/list-teams";
import { DataTable } from "@/components/ui/data-table";

const kindLabels: Record<TeamOverview["kind"], string> = {
  CONCIERGE: "Concierge",
  VIRTUAL_PRIMARY_CARE: "Virtual primary care",
  HEALTH_CENTER: "Health center",
};

export function TeamsOverview({ teams, triageOpenTickets }: { teams: TeamOverview[]; triageOpenTickets: number }) {
  return (
    <section aria-labelledby="teams-heading" className="space-y-4">
      <h1 id="teams-heading" className="text-2xl font-semibold tracking-tight">
        Teams
      </h1>
      {triageOpenTickets > 0 && (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <strong>{triageOpenTickets}</strong> open {triageOpenTickets === 1 ? "ticket is" : "tickets are"} waiting in triage: the members have no concierge team yet.
        </p>
      )}
      <DataTable columns={[{ label: "Team" }, { label: "Kind" }, { label: "Staff", className: "text-right" }, { label: "Members", className: "text-right" }, { label: "Open tickets", className: "text-right" }]}>
            {teams.map((team) => (
              <tr key={team.id}>
                <td className="px-4 py-2.5 font-medium">{team.name}</td>
                <td className="px-4 py-2.5 text-slate-600">{kindLabels[team.kind]}</td>
                <td className="px-4 py-2.5 text-right tabular-nums">{team.staffCount}</td>
                <td className="px-4 py-2.5 text-right tabular-nums">{team.memberCount}</td>
                <td className="px-4 py-2.5 text-right tabular-nums">{team.openTickets}</td>
              </tr>
            ))}
      </DataTable>
    </section>
  );
}
