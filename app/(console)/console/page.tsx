import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/require-actor";
import { staffRoles } from "@/lib/access/roles";
import { listThreads } from "@/lib/domain/threads/list-threads";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { RelativeTime } from "@/components/format/relative-time";

export const metadata: Metadata = { title: "Console" };

export default async function ConsolePage() {
  const actor = await requireActor(staffRoles);
  const { items } = await listThreads(actor, { limit: 100 });
  return (
    <section aria-labelledby="queue-heading">
      <h1 id="queue-heading" className="mb-4 text-2xl font-semibold tracking-tight">
        Your teams&apos; conversations
      </h1>
      {items.length === 0 ? (
        <EmptyState title="Nothing in your queues">New conversations from members appear here.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-2xl border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Subject</th>
                <th scope="col" className="px-4 py-2 font-medium">State</th>
                <th scope="col" className="px-4 py-2 font-medium">Last activity</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((thread) => (
                <tr key={thread.id}>
                  <td className="px-4 py-2.5 font-medium text-slate-900">{thread.subject ?? "Conversation"}</td>
                  <td className="px-4 py-2.5">{thread.ticket ? <StatusBadge status={thread.ticket.status} /> : "—"}</td>
                  <td className="px-4 py-2.5 text-slate-600">
                    <RelativeTime iso={thread.lastMessageAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
