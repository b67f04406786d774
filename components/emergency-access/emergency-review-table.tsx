import Link from "next/link";
import { roleLabels, roles, type Role } from "@/lib/access/roles";
import type { EmergencyAccessReviewItem } from "@/lib/domain/emergency-access/schemas";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { MarkReviewedForm } from "./mark-reviewed-form";

type Status = "unreviewed" | "all";

const when = (iso: string) => new Date(iso).toLocaleString("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
const roleLabel = (role: string) => ((roles as readonly string[]).includes(role) ? roleLabels[role as Role] : role);

/** Compliance's list of break-the-glass accesses, with the review action per row. */
export function EmergencyReviewTable({ status, items, nextCursor }: { status: Status; items: EmergencyAccessReviewItem[]; nextCursor: string | null }) {
  return (
    <section aria-labelledby="emergency-reviews-heading" className="space-y-4">
      <h1 id="emergency-reviews-heading" className="text-2xl font-semibold tracking-tight">
        Emergency access reviews
      </h1>
      <p className="text-sm text-slate-600">
        Each time staff opened a conversation outside their teams with emergency access: who, whose conversation, why, and until when. Newest first.
      </p>
      <nav aria-label="Filter" className="flex gap-2 text-sm">
        {(["unreviewed", "all"] as const).map((s) => (
          <Link
            key={s}
            href={s === "unreviewed" ? "/admin/emergency-reviews" : "/admin/emergency-reviews?status=all"}
            aria-current={s === status ? "page" : undefined}
            className="rounded-md border border-slate-300 px-3 py-1 font-medium text-slate-700 hover:bg-slate-100 aria-[current=page]:border-brand-600 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-800"
          >
            {s === "unreviewed" ? "To review" : "All"}
          </Link>
        ))}
      </nav>
      {items.length === 0 ? (
        <EmptyState title={status === "unreviewed" ? "Nothing to review." : "No emergency access yet."} />
      ) : (
        <DataTable columns={[{ label: "When" }, { label: "Who" }, { label: "Member" }, { label: "Reason", className: "w-1/3" }, { label: "Ends" }, { label: "Review" }]}>
          {items.map((a) => (
            <tr key={a.id} className="align-top">
              <td className="whitespace-nowrap px-4 py-2 tabular-nums text-slate-600">{when(a.createdAt)}</td>
              <td className="px-4 py-2">
                <span className="block font-medium">{a.requester.name}</span>
                <span className="block text-xs text-slate-500">{roleLabel(a.requester.role)}</span>
              </td>
              <td className="px-4 py-2">
                <span className="block">{a.member.name}</span>
                <span className="block font-mono text-xs text-slate-500" title="Conversation id">
                  {a.threadId}
                </span>
              </td>
              <td className="whitespace-pre-wrap break-words px-4 py-2">{a.reason}</td>
              <td className="whitespace-nowrap px-4 py-2 tabular-nums text-slate-600">{when(a.expiresAt)}</td>
              <td className="px-4 py-2">
                {a.reviewedAt ? (
                  <span className="block text-sm">
                    <span className="font-medium text-emerald-800">Reviewed</span> by {a.reviewedBy?.name ?? "—"}, {when(a.reviewedAt)}
                    {a.reviewNote && <span className="mt-0.5 block text-xs text-slate-600">{a.reviewNote}</span>}
                  </span>
                ) : (
                  <MarkReviewedForm accessId={a.id} />
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {nextCursor && (
        <Link href={`/admin/emergency-reviews?${new URLSearchParams({ ...(status === "all" ? { status } : {}), cursor: nextCursor })}`} className="inline-block text-sm font-medium text-brand-700 hover:underline">
          Older →
        </Link>
      )}
    </section>
  );
}
