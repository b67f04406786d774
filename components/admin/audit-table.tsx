import type { AuditEventView } from "@/lib/domain/audit/list-audit-events";
import Link from "next/link";
import { AuditEventsTable } from "@/components/audit/audit-events-table";

/** The administration overview's latest audit rows (compliance); the full view is /admin/audit. */
export function AuditTable({ items }: { items: AuditEventView[] }) {
  return (
    <section aria-labelledby="audit-heading" className="space-y-4">
      <h1 id="audit-heading" className="text-2xl font-semibold tracking-tight">
        Audit log
      </h1>
      <p className="text-sm text-slate-600">
        The latest {items.length} recorded accesses and changes, newest first.{" "}
        <Link href="/admin/audit" className="font-medium text-brand-700 underline">
          Filter, export and verify
        </Link>
      </p>
      <AuditEventsTable items={items} />
    </section>
  );
}
