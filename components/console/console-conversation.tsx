"use client";

import { useCallback, useState } from "react";
import { useRouter } from "next/navigation";
import type { MessageView, Visibility } from "@/lib/domain/messages/schemas";
import type { TicketStatus } from "@/lib/domain/tickets/schemas";
import { MessageComposer } from "@/components/composer/message-composer";
import { MessageList } from "@/components/thread/message-list";
import { useThreadMessages } from "@/components/thread/use-thread-messages";
import type { MessagePage } from "@/lib/api/query-keys";
import { statusLabels } from "@/components/format/ticket-labels";
import { Notice } from "@/components/ui/notice";
import { useAnnounceTyping } from "@/components/live/use-typing";

const afterSendChoices = ["PENDING", "OPEN", "ON_HOLD", "SOLVED"] as const;

/** DESIGN.md §4: a staff reply moves NEW/OPEN to PENDING unless the responder chooses otherwise. */
function defaultAfterReply(status: TicketStatus | null): TicketStatus | "KEEP" {
  if (status === "NEW" || status === "OPEN" || status === null || status === "CLOSED") return "PENDING";
  return "KEEP";
}

export function ConsoleConversation({
  threadId,
  initialMessages,
  ticketStatus,
  me,
}: {
  threadId: string;
  initialMessages: MessagePage;
  ticketStatus: TicketStatus | null;
  me: { id: string; name: string; role: string };
}) {
  const router = useRouter();
  // A reply on a thread without an active ticket opens a follow-up ticket: reload the page's
  // server data so the sidebar shows the new ticket rather than the closed one.
  const onSent = useCallback(
    (message: MessageView) => {
      if (message.visibility === "member" && (ticketStatus === null || ticketStatus === "CLOSED")) router.refresh();
    },
    [router, ticketStatus],
  );
  const { messages, send, retry, older, loadError } = useThreadMessages(threadId, initialMessages, me, onSent);
  const [mode, setMode] = useState<Visibility>("member");
  const [after, setAfter] = useState<TicketStatus | "KEEP">(defaultAfterReply(ticketStatus));
  const announceTyping = useAnnounceTyping(threadId, mode);

  return (
    <div className="flex min-w-0 flex-col gap-3">
      {loadError && <Notice>{loadError}</Notice>}
      <section className="max-h-[calc(100dvh-23rem)] min-h-[14rem] overflow-y-auto rounded-2xl bg-slate-100/60 p-3">
        <MessageList messages={messages} viewerId={me.id} perspective="staff" onRetry={retry} older={older} />
      </section>
      <fieldset className="flex flex-wrap gap-1 rounded-xl bg-slate-100 p-1 text-sm">
        <legend className="sr-only">Send as</legend>
        {(
          [
            ["member", "Reply to member"],
            ["internal", "Internal note"],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className={`cursor-pointer rounded-lg px-3 py-1.5 font-medium has-[:checked]:bg-white has-[:checked]:shadow-sm has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600 ${value === "internal" ? "has-[:checked]:text-amber-900" : "has-[:checked]:text-slate-900"} text-slate-600`}>
            <input type="radio" name="send-mode" value={value} checked={mode === value} onChange={() => setMode(value)} className="sr-only" />
            {label}
          </label>
        ))}
      </fieldset>
      {/* "Your care team is typing…" for the member: announced for replies only, never for internal notes. */}
      <div className="contents" onInputCapture={mode === "member" ? announceTyping : undefined}>
      <MessageComposer
        tone={mode === "internal" ? "internal" : "default"}
        placeholder={mode === "internal" ? "Note for the team — type @ to bring in a colleague; the member never sees this…" : "Reply to the member…"}
        // Mentions belong to internal notes only (the server refuses them on replies).
        mentionThreadId={mode === "internal" ? threadId : null}
        onSend={(body, attachments, mentions) =>
          send(body, mode === "internal" ? { visibility: "internal", attachments, mentions } : { visibility: "member", attachments, ...(after === "KEEP" ? {} : { ticketStatus: after }) })
        }
      >
        {mode === "member" && (
          <label className="flex items-center gap-1.5 text-sm text-slate-700">
            <span>Then set</span>
            <select value={after} onChange={(e) => setAfter(e.target.value as TicketStatus | "KEEP")} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm" aria-label="Ticket state after sending">
              <option value="KEEP">State unchanged</option>
              {afterSendChoices.map((s) => (
                <option key={s} value={s}>
                  {statusLabels[s]}
                </option>
              ))}
            </select>
          </label>
        )}
      </MessageComposer>
      </div>
    </div>
  );
}
