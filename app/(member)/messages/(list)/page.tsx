import type { Metadata } from "next";
import Link from "next/link";
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
      <div className="mb-4 flex items-center justify-between gap-3">
        <h1 id="conversations-heading" className="text-2xl font-semibold tracking-tight">
          Your conversations
        </h1>
        <Link href="/messages/new" className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700">
          New conversation
        </Link>
      </div>
      {items.length === 0 ? (
        <EmptyState title="No conversations yet">
          Your care team is here when you need them.{" "}
          <Link href="/messages/new" className="font-medium text-brand-700 underline">
            Start a conversation
          </Link>
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 overflow-hidden rounded-2xl border border-slate-200 bg-white">
          {items.map((thread) => (
            <li key={thread.id}>
              <Link href={`/messages/${thread.id}`} className="flex items-start gap-3 px-4 py-3 hover:bg-slate-50 focus-visible:bg-slate-50">
                <span className="min-w-0 flex-1">
                  <span className={`block truncate ${thread.unread ? "font-semibold text-slate-900" : "font-medium text-slate-800"}`}>
                    {thread.subject ?? thread.preview ?? "Conversation"}
                  </span>
                  {thread.subject && thread.preview && <span className="block truncate text-sm text-slate-600">{thread.preview}</span>}
                </span>
                <span className="flex shrink-0 flex-col items-end gap-1 text-sm text-slate-500">
                  <RelativeTime iso={thread.lastMessageAt} />
                  {thread.unread && <span className="rounded-full bg-brand-600 px-2 py-0.5 text-xs font-semibold text-white">New</span>}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
