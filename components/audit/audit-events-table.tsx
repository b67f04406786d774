import type { AuditEventView } from "@/lib/domain/audit/list-audit-events";
import { roleLabels, type Role } from "@/lib/access/roles";
import { DataTable } from "@/components/ui/data-table";

/** "2026-03-01 09:30:12 UTC": compliance reads exact times, in the zone the filters use. */
export function utcTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/**
 * Audit rows for compliance: who, what, about whom, from where. Names of people only — the
 * log holds no contents to show.
 */
export function AuditEventsTable({ items }: { items: AuditEventView[] }) {
  return (
    <DataTable
      columns={[{ label: "When (UTC)" }, { label: "Who" }, { label: "Action" }, { label: "Outcome" }, { label: "Member" }, { label: "Record" }, { label: "Address" }]}
    >
      {items.map((e) => (
        <tr key={e.id} data-testid="audit-row">
          <td className="whitespace-nowrap px-4 py-2 tabular-nums text-slate-600">
            <time dateTime={e.occurredAt}>{utcTime(e.occurredAt)}</time>
          </td>
          <td className="px-4 py-2">
            {e.actorName ?? (e.actorId ? "Unknown user" : "System")}
            {e.actorRole && <span className="block text-xs text-slate-500">{roleLabels[e.actorRole as Role] ?? e.actorRole}</span>}
          </td>
          <td className="px-4 py-2 font-mono text-xs">{e.action}</td>
          <td className="px-4 py-2">
            <span className={e.outcome === "DENIED" ? "font-medium text-red-700" : "text-slate-700"}>{e.outcome === "DENIED" ? "Denied" : "Allowed"}</span>
            {e.reason && <span className="ml-1 text-xs text-slate-500">({e.reason})</span>}
          </td>
          <td className="px-4 py-2">{e.memberName ?? (e.memberId ? <span className="font-mono text-xs">{e.memberId}</span> : "—")}</td>
          <td className="px-4 py-2 font-mono text-xs text-slate-600">
            {e.recordType ? (
              <>
                {e.recordType}
                {e.recordId && <span className="block max-w-[14rem] truncate" title={e.recordId}>{e.recordId}</span>}
              </>
            ) : (
              "—"
            )}
          </td>
          <td className="px-4 py-2 font-mono text-xs text-slate-500">{e.ip ?? "—"}</td>
        </tr>
      ))}
    </DataTable>
  );
}
