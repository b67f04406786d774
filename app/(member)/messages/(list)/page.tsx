import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/require-actor";
import { listThreads } from "@/lib/domain/threads/list-threads";
import { EmptyState } from "@/components/ui/empty-state";
import { ConversationList } from "@/components/member/conversation-list";
import { threadListPageSize } from "@/lib/api/query-keys";

export const metadata: Metadata = { title: "Messages" };

export default async function MessagesPage() {
  const actor = await requireActor(["MEMBER"]);
  const first = await listThreads(actor, { limit: threadListPageSize });
  const { items } = first;
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
        <ConversationList initial={first} />
      )}
    </section>
  );
}
