import Link from "next/link";
import { roleLabels } from "@/lib/access/roles";
import type { PersonView } from "@/lib/domain/admin/schemas";
import { DataTable } from "@/components/ui/data-table";
import { StatusPill } from "./status-pill";

function day(iso: string | null): string {
  return iso ? new Date(iso).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric" }) : "Never";
}

/** Identity, role, teams and status — nothing from a member's record. */
export function PeopleTable({ people }: { people: PersonView[] }) {
  return (
    <DataTable columns={[{ label: "Name" }, { label: "Email" }, { label: "Role" }, { label: "Teams" }, { label: "Status" }, { label: "Last sign-in" }]}>
      {people.map((p) => (
        <tr key={p.id}>
          <td className="px-4 py-2.5 font-medium">
            <Link href={`/admin/people/${p.id}`} className="text-brand-700 hover:underline">
              {p.name}
            </Link>
            {p.serviceUser && <span className="ml-2 text-xs text-slate-500">API client</span>}
          </td>
          <td className="max-w-64 truncate px-4 py-2.5 text-slate-600" title={p.email}>
            {p.email}
          </td>
          <td className="px-4 py-2.5">{roleLabels[p.role]}</td>
          <td className="px-4 py-2.5 text-slate-600">
            {p.teams.length === 0 ? (p.role === "MEMBER" ? <span className="text-amber-800">No team (triage)</span> : "—") : p.teams.map((t) => t.name).join(", ")}
          </td>
          <td className="px-4 py-2.5">
            <StatusPill active={p.status === "ACTIVE"} />
          </td>
          <td className="whitespace-nowrap px-4 py-2.5 tabular-nums text-slate-600">{day(p.lastSignInAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
