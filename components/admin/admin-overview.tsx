import Link from "next/link";

const areas = [
  { href: "/admin/teams", title: "Teams", text: "Create teams, set their time zone and working hours, archive the ones no longer used." },
  { href: "/admin/people", title: "People", text: "Staff and members: create staff accounts, change roles and teams, give members a concierge team, deactivate accounts." },
  { href: "/admin/api-clients", title: "API clients", text: "Keys for other internal apps, each acting as its own service user. Issue and revoke." },
] as const;

/** The admin landing page's cards: where each kind of work lives. */
export function AdminOverview() {
  return (
    <nav aria-label="Administration areas">
      <ul className="grid gap-4 md:grid-cols-3">
        {areas.map((a) => (
          <li key={a.href}>
            <Link href={a.href} className="block h-full rounded-2xl border border-slate-200 bg-white p-5 shadow-sm hover:border-brand-500 hover:shadow">
              <span className="block text-lg font-semibold text-brand-700">{a.title}</span>
              <span className="mt-1 block text-sm text-slate-600">{a.text}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
