import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/require-actor";
import { loadWithCursorOrStartOver } from "@/lib/http/page-cursor";
import { findAuditMember } from "@/lib/domain/audit/find-audit-member";
import { listAuditActors } from "@/lib/domain/audit/list-audit-actors";
import { listAuditEvents, type AuditEventView } from "@/lib/domain/audit/list-audit-events";
import { AuditEventsTable } from "@/components/audit/audit-events-table";
import { AuditFilters } from "@/components/audit/audit-filters";
import { auditFiltersFromForm, queryString, readAuditFilterForm } from "@/components/audit/audit-filter-form";
import { VerifyChainPanel } from "@/components/audit/verify-chain-panel";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";

export const metadata: Metadata = { title: "Audit" };

const pageSize = 100;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Compliance: the audit log with filters, paging and CSV export, and the chain check.
 * Admins hold only `audit.verify`, so they get the chain check alone.
 */
export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor(["ADMIN", "COMPLIANCE"]);
  if (actor.role === "ADMIN") {
    return (
      <div className="mx-auto max-w-3xl space-y-4">
        <h1 className="text-2xl font-semibold tracking-tight">Audit</h1>
        <VerifyChainPanel />
      </div>
    );
  }

  const form = readAuditFilterForm(await searchParams);
  const { values, invalid } = auditFiltersFromForm(form);
  const member = form.member ? await findAuditMember(actor, form.member) : null;
  const memberMissing = form.member !== "" && member === null;
  const filters = { ...(member ? { memberId: member.id } : {}), actorId: values.actorId, action: values.action, from: values.from, to: values.to };

  const formQuery = { member: form.member, actor: form.actor, action: form.action, from: form.from, to: form.to };

  // A filter that cannot be applied shows nothing rather than everything; a cursor that
  // cannot be read goes back to the first page with the same filters.
  const [actors, page] = await Promise.all([
    listAuditActors(actor),
    invalid.length > 0 || memberMissing
      ? Promise.resolve<{ items: AuditEventView[]; nextCursor: string | null }>({ items: [], nextCursor: null })
      : loadWithCursorOrStartOver(values.cursor || undefined, `/admin/audit${queryString(formQuery)}`, () =>
          listAuditEvents(actor, { ...definedOnly(filters), ...(values.cursor ? { cursor: values.cursor } : {}), limit: pageSize }),
        ),
  ]);

  return (
    <div className="space-y-6">
      <section aria-labelledby="audit-heading" className="space-y-4">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h1 id="audit-heading" className="text-2xl font-semibold tracking-tight">
              Audit log
            </h1>
            <p className="text-sm text-slate-600">Who accessed or changed what, newest first. Names of people only: the log never holds message contents.</p>
          </div>
          {invalid.length === 0 && !memberMissing && (
            <a href={`/api/v1/audit/export.csv${queryString(definedOnly(filters))}`} download className="rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50">
              Export CSV
            </a>
          )}
        </div>
        <AuditFilters form={form} actors={actors} />
        {member && (
          <p className="text-sm text-slate-700">
            Member: <strong>{member.name}</strong> <span className="font-mono text-xs text-slate-500">{member.memberNumber}</span>
          </p>
        )}
        {memberMissing && <Notice>No member has that member number or e-mail address.</Notice>}
        {invalid.length > 0 && <Notice>These filters could not be read: {invalid.join(", ")}. Nothing is shown until they are corrected.</Notice>}
        {page.items.length === 0 ? <EmptyState title="No audit rows match these filters" /> : <AuditEventsTable items={page.items} />}
        <nav aria-label="Audit log pages" className="flex gap-4 text-sm">
          {values.cursor && (
            <Link href={`/admin/audit${queryString(formQuery)}`} className="font-medium text-brand-700 hover:underline">
              ← Newest
            </Link>
          )}
          {page.nextCursor && (
            <Link href={`/admin/audit${queryString({ ...formQuery, cursor: page.nextCursor })}`} className="font-medium text-brand-700 hover:underline">
              Older entries →
            </Link>
          )}
        </nav>
        <p className="text-xs text-slate-500">The export holds the same rows as the filters, up to 50,000 (narrow the period for more).</p>
      </section>
      <VerifyChainPanel />
    </div>
  );
}

function definedOnly<T extends Record<string, string | undefined>>(entries: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: string };
}
