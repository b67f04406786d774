import type { AuditEventView } from "@/lib/domain/audit/list-audit-events";
import { DataTable } from "@/components/ui/data-table";

export function AuditTable({ items }: { items: AuditEventView[] }) {
  return (
    <section aria-labelledby="audit-heading" className="space-y-4">
      <h1 id="audit-heading" className="text-2xl font-semibold tracking-tight">
        Audit log
      </h1>
      <p className="text-sm text-slate-600">The latest 100 recorded accesses and changes, newest first.</p>
      <DataTable columns={[{ label: "When" }, { label: "Who" }, { label: "Action" }, { label: "Outcome" }, { label: "Address" }]}>
            {items.map((e) => (
              <tr key={e.id}>
                <td className="whitespace-nowrap px-4 py-2 tabular-nums text-slate-600">{new Date(e.occurredAt).toLocaleString("en-US")}</td>
                <td className="px-4 py-2">{e.actorName ?? "—"}</td>
                <td className="px-4 py-2 font-mono text-xs">{e.action}</td>
                <td className="px-4 py-2">
                  <span className={e.outcome === "DENIED" ? "font-medium text-red-700" : "text-slate-700"}>{e.outcome === "DENIED" ? "Denied" : "Allowed"}</span>
                  {e.reason && <span className="ml-1 text-xs text-slate-500">({e.reason})</span>}
                </td>
                <td className="px-4 py-2 font-mono text-xs text-slate-500">{e.ip ?? "—"}</td>
              </tr>
            ))}
      </DataTable>
    </section>
  );
}
