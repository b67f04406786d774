"use client";

import Link from "next/link";
import { MessageComposer } from "@/components/composer/message-composer";
import { MessageList } from "@/components/thread/message-list";
import { useThreadMessages } from "@/components/thread/use-thread-messages";
import type { MessagePage } from "@/lib/api/query-keys";
import { Notice } from "@/components/ui/notice";
import { useSomeoneTyping } from "@/components/live/use-typing";
import { useThreadSeen } from "@/components/live/use-thread-seen";

export function MemberThread({
  threadId,
  subject,
  teamName,
  initialMessages,
  me,
}: {
  threadId: string;
  subject: string | null;
  teamName: string;
  initialMessages: MessagePage;
  me: { id: string; name: string; role: string };
}) {
  const { messages, send, retry, older, loadError } = useThreadMessages(threadId, initialMessages, me);
  const typing = useSomeoneTyping(threadId);
  const seenAt = useThreadSeen(threadId);
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <div>
        <Link href="/messages" className="text-sm font-medium text-brand-700 hover:underline">
          ← All conversations
        </Link>
        <h1 className="mt-1 text-xl font-semibold tracking-tight">{subject ?? "Conversation"}</h1>
        <p className="text-sm text-slate-600">With {teamName}</p>
      </div>
      {loadError && <Notice>{loadError}</Notice>}
      <section className="min-h-[40vh] rounded-2xl bg-slate-100/60 p-3 sm:p-4">
        <MessageList messages={messages} viewerId={me.id} perspective="member" onRetry={retry} older={older} seenAt={seenAt} />
        <p role="status" aria-live="polite" className="mt-2 min-h-5 text-sm italic text-slate-500" data-testid="typing-indicator">
          {typing ? "Your care team is typing…" : ""}
        </p>
      </section>
      <div className="sticky bottom-0 bg-slate-50 pb-3 pt-1">
        <MessageComposer onSend={(body, attachments) => send(body, { attachments })} placeholder="Write to your care team…" />
      </div>
    </div>
  );
}
