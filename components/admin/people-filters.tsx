import Link from "next/link";
import { inputClass, labelClass, buttonClass } from "./styles";

export type PeopleFilterValues = { q?: string; type?: "staff" | "member"; status?: "ACTIVE" | "DISABLED"; teamId?: string };

/**
 * Search and filters as a plain GET form: works before any script loads, and every
 * result page has its own address (shareable, back button works).
 */
export function PeopleFilters({ values, teamName }: { values: PeopleFilterValues; teamName: string | null }) {
  return (
    <form method="get" action="/admin/people" role="search" aria-label="Find people" className="flex flex-wrap items-end gap-3 rounded-2xl border border-slate-200 bg-white p-4">
      <div className="min-w-64 flex-1">
        <label htmlFor="people-q" className={labelClass}>
          Name or email
        </label>
        <input id="people-q" name="q" type="search" defaultValue={values.q} maxLength={100} className={inputClass} />
      </div>
      <div>
        <label htmlFor="people-type" className={labelClass}>
          Who
        </label>
        <select id="people-type" name="type" defaultValue={values.type ?? ""} className={inputClass}>
          <option value="">Everyone</option>
          <option value="staff">Staff, admins and compliance</option>
          <option value="member">Members</option>
        </select>
      </div>
      <div>
        <label htmlFor="people-status" className={labelClass}>
          Status
        </label>
        <select id="people-status" name="status" defaultValue={values.status ?? ""} className={inputClass}>
          <option value="">Any</option>
          <option value="ACTIVE">Active</option>
          <option value="DISABLED">Deactivated</option>
        </select>
      </div>
      {values.teamId && <input type="hidden" name="teamId" value={values.teamId} />}
      <button type="submit" className={buttonClass("primary")}>
        Search
      </button>
      {teamName && (
        <p className="w-full text-sm text-slate-600">
          In team <strong>{teamName}</strong> ·{" "}
          <Link href="/admin/people" className="font-medium text-brand-700 hover:underline">
            Everyone
          </Link>
        </p>
      )}
    </form>
  );
}
