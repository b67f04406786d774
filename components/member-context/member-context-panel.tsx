import Link from "next/link";
import type { MemberContextView } from "@/lib/domain/members/schemas";
import { StatusBadge } from "@/components/ui/status-badge";
import { MemberDocuments } from "./member-documents";

const sexLabels = { FEMALE: "Female", MALE: "Male", INTERSEX: "Intersex", UNKNOWN: "Not stated" } as const;
const money = (cents: number) => (cents / 100).toLocaleString("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[6.5rem_1fr] gap-2 py-1">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900">{children}</dd>
    </div>
  );
}

/**
 * The member beside the thread. It renders only the fields the server sent; the server
 * sends only what the viewer's role may see (lib/access/member-context-fields.ts).
 */
export function MemberContextPanel({ context, showDocuments = false }: { context: MemberContextView; showDocuments?: boolean }) {
  const c = context;
  return (
    <section aria-labelledby="member-context-heading" className="rounded-2xl border border-slate-200 bg-white p-4 text-sm">
      <h2 id="member-context-heading" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        Member
      </h2>
      {c.name && <p className="mt-1 text-base font-semibold text-slate-900">{c.name}</p>}
      <dl className="mt-2 divide-y divide-slate-100">
        {(c.age !== undefined || c.sex) && (
          <Row label="Age, sex">
            {[c.age !== undefined ? `${c.age}` : null, c.sex ? sexLabels[c.sex] : null].filter(Boolean).join(" · ")}
          </Row>
        )}
        {c.dateOfBirth && <Row label="Born">{new Date(c.dateOfBirth).toLocaleDateString("en-US", { timeZone: "UTC" })}</Row>}
        {c.memberNumber && <Row label="Member no.">{c.memberNumber}</Row>}
        {c.phone !== undefined && <Row label="Phone">{c.phone ?? "—"}</Row>}
        {c.email && <Row label="Email">{c.email}</Row>}
        {c.address !== undefined && (
          <Row label="Address">
            {c.address ? [c.address.line1, c.address.line2, [c.address.city, c.address.region, c.address.postalCode].filter(Boolean).join(", ")].filter(Boolean).join(", ") : "—"}
          </Row>
        )}
        {c.plan !== undefined && (
          <Row label="Plan">{c.plan ? `${c.plan.name} · ${c.plan.metalLevel.charAt(0)}${c.plan.metalLevel.slice(1).toLowerCase()}` : "No plan on file"}</Row>
        )}
        {c.deductible && (
          <Row label="Deductible">
            <span className="block">
              {money(c.deductible.usedCents)} of {money(c.deductible.totalCents)} used
            </span>
            <span className="mt-1 block h-1.5 overflow-hidden rounded-full bg-slate-200" aria-hidden>
              <span className="block h-full bg-brand-500" style={{ width: `${Math.min(100, (100 * c.deductible.usedCents) / Math.max(1, c.deductible.totalCents))}%` }} />
            </span>
          </Row>
        )}
      </dl>
      {c.healthTags && (
        <div className="mt-3">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Health tags</h3>
          {c.healthTags.length === 0 ? (
            <p className="mt-1 text-slate-500">None recorded</p>
          ) : (
            <ul className="mt-1 flex flex-wrap gap-1.5">
              {c.healthTags.map((t) => (
                <li key={t.code} className="rounded-full bg-rose-50 px-2 py-0.5 text-xs font-medium text-rose-800 ring-1 ring-rose-200">
                  {t.label}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {c.recentTickets && c.recentTickets.length > 0 && (
        <div className="mt-3">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Recent tickets</h3>
          <ul className="mt-1 space-y-1">
            {c.recentTickets.map((t) => (
              <li key={t.id} className="flex items-center justify-between gap-2">
                <Link href={`/console/threads/${t.threadId}`} className="min-w-0 truncate text-brand-700 hover:underline">
                  {t.subject ?? "Conversation"}
                </Link>
                <StatusBadge status={t.status} />
              </li>
            ))}
          </ul>
        </div>
      )}
      {/* The page says whether the viewer's role is granted documents (the API answers 404 otherwise). */}
      {(showDocuments || c.fields.includes("documents")) && <MemberDocuments memberId={c.id} />}
    </section>
  );
}
