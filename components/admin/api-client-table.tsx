import Link from "next/link";
import { roleLabels } from "@/lib/access/roles";
import type { ApiClientView } from "@/lib/domain/admin/schemas";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { RevokeApiClient } from "./revoke-api-client";
import { StatusPill } from "./status-pill";

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" }) : "Never";
}

export function ApiClientTable({ clients }: { clients: ApiClientView[] }) {
  if (clients.length === 0) return <EmptyState title="No API clients yet">Issue a key above when another app needs to call the API.</EmptyState>;
  return (
    <DataTable columns={[{ label: "Client" }, { label: "Key" }, { label: "Service user" }, { label: "Created" }, { label: "Last used" }, { label: "Status" }, { label: "" }]}>
      {clients.map((c) => (
        <tr key={c.id} className="align-top">
          <td className="px-4 py-2.5 font-medium">{c.name}</td>
          <td className="px-4 py-2.5 font-mono text-xs">{c.keyPrefix}_…</td>
          <td className="px-4 py-2.5">
            <Link href={`/admin/people/${c.serviceUser.id}`} className="text-brand-700 hover:underline">
              {roleLabels[c.serviceUser.role]}
            </Link>
            <span className="block text-xs text-slate-500">{c.serviceUser.teams.map((t) => t.name).join(", ") || "No team"}</span>
          </td>
          <td className="px-4 py-2.5 text-slate-600">
            {when(c.createdAt)}
            {c.createdBy && <span className="block text-xs text-slate-500">by {c.createdBy.name}</span>}
          </td>
          <td className="px-4 py-2.5 text-slate-600">{when(c.lastUsedAt)}</td>
          <td className="px-4 py-2.5">
            <StatusPill active={c.revokedAt === null} inactiveLabel="Revoked" />
            {c.revokedAt && <span className="block text-xs text-slate-500">{when(c.revokedAt)}</span>}
          </td>
          <td className="px-4 py-2.5 text-right">{c.revokedAt === null && <RevokeApiClient client={c} />}</td>
        </tr>
      ))}
    </DataTable>
  );
}
