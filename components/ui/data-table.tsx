/**
 * The frame, header row and body of every list table (queue, teams, audit log). Rows are
 * the caller's; columns carry their own width and alignment classes.
 */
export type DataTableColumn = { label: string; className?: string };

export function DataTable({ columns, fixed = false, children }: { columns: DataTableColumn[]; fixed?: boolean; children: React.ReactNode }) {
  return (
    <div className={`${fixed ? "overflow-hidden" : "overflow-x-auto"} rounded-2xl border border-slate-200 bg-white`}>
      <table className={`w-full ${fixed ? "table-fixed " : ""}text-left text-sm`}>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" className={`px-4 py-2 font-medium ${c.className ?? ""}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}
