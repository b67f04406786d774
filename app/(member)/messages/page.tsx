import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/require-actor";
import { listThreads } from "@/lib/domain/threads/list-threads";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/format/relative-time";

export const metadata: Metadata = { title: "Messages" };

export default async function MessagesPage() {
  const actor = await requireActor(["MEMBER"]);
  const { items } = await listThreads(actor, { limit: 50 });
  return (
    <section aria-labelledby="conversations-heading" className="mx-auto max-w-2xl">
      <h1 id="conversations-heading" className="mb-4 text-2xl font-semibold tracking-tight">
        Your conversations
      </h1>
      {items.length === 0 ? (
        <EmptyState title="No conversations yet">Your care team is here when you need them.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 overflow-hidden rounded-2xl border border-slate-200 bg-white">
          {items.map((thread) => (
            <li key={thread.id} className="flex items-center justify-between gap-4 px-4 py-3">
              <span className="font-medium text-slate-900">{thread.subject ?? "Conversation"}</span>
              <span className="shrink-0 text-sm text-slate-500">
                <RelativeTime iso={thread.lastMessageAt} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
