import Link from "next/link";
import type { AuditActorOption } from "@/lib/domain/audit/list-audit-actors";
import { knownAuditActions } from "@/lib/domain/audit/schemas";
import { roleLabels, type Role } from "@/lib/access/roles";
import type { AuditFilterForm } from "./audit-filter-form";

const field = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
const label = "block text-sm font-medium text-slate-700";

/**
 * The compliance filters as a plain GET form: the URL is the state, so a filtered view can be
 * bookmarked, and it works before any script has loaded.
 */
export function AuditFilters({ form, actors }: { form: AuditFilterForm; actors: AuditActorOption[] }) {
  return (
    <form method="get" action="/admin/audit" aria-label="Audit log filters" className="grid gap-3 rounded-2xl border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5">
      <div>
        <label htmlFor="audit-member" className={label}>
          Member
        </label>
        <input id="audit-member" name="member" defaultValue={form.member} placeholder="Member number or e-mail" className={field} autoComplete="off" />
      </div>
      <div>
        <label htmlFor="audit-actor" className={label}>
          Staff member
        </label>
        <select id="audit-actor" name="actor" defaultValue={form.actor} className={field}>
          <option value="">Anyone</option>
          {actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({roleLabels[a.role as Role] ?? a.role})
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="audit-action" className={label}>
          Action
        </label>
        <input id="audit-action" name="action" list="audit-actions" defaultValue={form.action} placeholder="Any action" className={field} autoComplete="off" />
        <datalist id="audit-actions">
          {knownAuditActions.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </div>
      <div>
        <label htmlFor="audit-from" className={label}>
          From (UTC)
        </label>
        <input id="audit-from" name="from" type="date" defaultValue={form.from} className={field} />
      </div>
      <div>
        <label htmlFor="audit-to" className={label}>
          To (UTC)
        </label>
        <input id="audit-to" name="to" type="date" defaultValue={form.to} className={field} />
      </div>
      <div className="flex items-center gap-3 sm:col-span-2 lg:col-span-5">
        <button type="submit" className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
          Apply filters
        </button>
        <Link href="/admin/audit" className="text-sm font-medium text-slate-600 hover:underline">
          Clear
        </Link>
      </div>
    </form>
  );
}
