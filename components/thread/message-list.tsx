"use client";

import { useEffect, useRef } from "react";
import { authorLabel } from "@/components/format/author-label";
import { MessageAttachments } from "@/components/attachments/message-attachments";
import type { DisplayMessage } from "./use-thread-messages";

function time(iso: string) {
  return new Date(iso).toLocaleString("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
}

/**
 * The conversation. `perspective` decides which side a message sits on: the member sees
 * their own messages on the right; staff see the team's replies and notes on the right.
 * Internal notes are visibly distinct (amber, labelled) and only ever reach staff.
 */
export function MessageList({
  messages,
  viewerId,
  perspective,
  onRetry,
  seenAt = null,
}: {
  messages: DisplayMessage[];
  viewerId: string;
  perspective: "member" | "staff";
  onRetry: (clientMessageId: string) => void;
  /** Up to when the care team has read the thread (member view): "Seen" instead of "Sent". */
  seenAt?: string | null;
}) {
  const end = useRef<HTMLLIElement>(null);
  const count = messages.length;
  useEffect(() => {
    end.current?.scrollIntoView({ block: "end" });
  }, [count]);

  if (messages.length === 0) {
    return <p className="py-10 text-center text-sm text-slate-500">No messages yet.</p>;
  }

  // "Sent" under the viewer's latest message only, like any messenger.
  const lastOwn = messages.findLastIndex((m) => m.author.id === viewerId && m.delivery === "sent");
  const seen = lastOwn >= 0 && seenAt !== null && new Date(seenAt).getTime() >= new Date(messages[lastOwn]!.createdAt).getTime();

  return (
    <ol role="log" aria-live="polite" aria-label="Conversation" className="space-y-3">
      {messages.map((m, index) => {
        const fromMember = m.author.role === "MEMBER";
        const right = perspective === "member" ? m.author.id === viewerId : !fromMember;
        const internal = m.visibility === "internal";
        const bubble = internal
          ? "border border-amber-300 bg-amber-50 text-amber-950"
          : right
            ? "bg-brand-600 text-white"
            : "border border-slate-200 bg-white text-slate-900";
        return (
          <li key={m.clientMessageId + m.id} className={`flex ${right ? "justify-end" : "justify-start"}`} data-testid="message" data-visibility={m.visibility}>
            <div className={`max-w-[85%] sm:max-w-[75%]`}>
              <p className={`mb-0.5 text-xs text-slate-500 ${right ? "text-right" : ""}`}>
                {internal && <span className="mr-1 rounded bg-amber-200 px-1.5 py-0.5 font-semibold uppercase tracking-wide text-amber-900">Internal note</span>}
                <span className="font-medium text-slate-700">{perspective === "member" && m.author.id === viewerId ? "You" : authorLabel(m.author)}</span> · <time dateTime={m.createdAt}>{time(m.createdAt)}</time>
              </p>
              {m.body && <div className={`whitespace-pre-wrap break-words rounded-2xl px-3.5 py-2 text-[0.95rem] leading-relaxed shadow-sm ${bubble}`}>{m.body}</div>}
              <MessageAttachments attachments={m.attachments} threadId={m.threadId} internal={internal} alignEnd={right} />
              {m.delivery !== "sent" && (
                <p className={`mt-0.5 text-xs ${right ? "text-right" : ""} ${m.delivery === "failed" ? "text-red-700" : "text-slate-500"}`} role={m.delivery === "failed" ? "alert" : "status"}>
                  {m.delivery === "sending" ? (
                    "Sending…"
                  ) : (
                    <>
                      {m.error ?? "Not sent."}{" "}
                      <button type="button" onClick={() => onRetry(m.clientMessageId)} className="font-semibold underline">
                        Retry
                      </button>
                    </>
                  )}
                </p>
              )}
              {index === lastOwn && (
                <p className={`mt-0.5 text-xs text-slate-400 ${right ? "text-right" : ""}`}>
                  <span className="sr-only">Delivery: </span>
                  <span data-testid="delivery-state">{seen ? "Seen" : "Sent"}</span>
                </p>
              )}
            </div>
          </li>
        );
      })}
      {/* Keeps the newest message clear of a sticky composer when scrolled into view. */}
      <li ref={end} aria-hidden className="scroll-mb-48" />
    </ol>
  );
}
