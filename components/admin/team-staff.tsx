import Link from "next/link";
import { roleLabels, type Role } from "@/lib/access/roles";
import type { AdminTeamDetail } from "@/lib/domain/teams/schemas";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusPill } from "./status-pill";

/** Who works in the team. People are added from their own page (People → a person → Teams). */
export function TeamStaff({ team }: { team: AdminTeamDetail }) {
  return (
    <section aria-labelledby="team-staff-heading" className="space-y-3">
      <div className="flex items-baseline justify-between gap-4">
        <h2 id="team-staff-heading" className="text-lg font-semibold">
          Staff
        </h2>
        <Link href={`/admin/people?teamId=${team.id}`} className="text-sm font-medium text-brand-700 hover:underline">
          Everyone in this team, members included
        </Link>
      </div>
      {team.staff.length === 0 ? (
        <EmptyState title="Nobody works in this team yet">
          Open a person under{" "}
          <Link href="/admin/people?type=staff" className="font-medium text-brand-700 underline">
            People
          </Link>{" "}
          and add them to it.
        </EmptyState>
      ) : (
        <DataTable columns={[{ label: "Name" }, { label: "Email" }, { label: "Role" }, { label: "Status" }]}>
          {team.staff.map((s) => (
            <tr key={s.id}>
              <td className="px-4 py-2.5 font-medium">
                <Link href={`/admin/people/${s.id}`} className="text-brand-700 hover:underline">
                  {s.name}
                </Link>
                {s.serviceUser && <span className="ml-2 text-xs text-slate-500">API client</span>}
              </td>
              <td className="px-4 py-2.5 text-slate-600">{s.email}</td>
              <td className="px-4 py-2.5">{roleLabels[s.role as Role] ?? s.role}</td>
              <td className="px-4 py-2.5">
                <StatusPill active={s.status === "ACTIVE"} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
