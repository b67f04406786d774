"use client";

import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { authorLabel } from "@/components/format/author-label";
import { MessageAttachments } from "@/components/attachments/message-attachments";
import type { DisplayMessage } from "./use-thread-messages";

function time(iso: string) {
  return new Date(iso).toLocaleString("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
}

/** Older pages of the thread (use-thread-messages.ts). */
export type OlderMessages = { hasMore: boolean; loading: boolean; failed: boolean; load: () => void };

/** The nearest ancestor that scrolls (the console's conversation box), else the page. */
function scrollerOf(el: HTMLElement): HTMLElement {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const { overflowY } = getComputedStyle(p);
    if ((overflowY === "auto" || overflowY === "scroll") && p.scrollHeight > p.clientHeight) return p;
  }
  return (document.scrollingElement as HTMLElement | null) ?? document.documentElement;
}

/**
 * The conversation. It opens at the newest message; older pages load when the reader
 * scrolls to the top (or presses "Load earlier messages", the keyboard and screen-reader
 * way), and the message that was on top stays where it was — no jump.
 * `perspective` decides which side a message sits on: the member sees
 * their own messages on the right; staff see the team's replies and notes on the right.
 * Internal notes are visibly distinct (amber, labelled) and only ever reach staff.
 */
export function MessageList({
  messages,
  viewerId,
  perspective,
  onRetry,
  seenAt = null,
  older,
}: {
  messages: DisplayMessage[];
  viewerId: string;
  perspective: "member" | "staff";
  onRetry: (clientMessageId: string) => void;
  /** Up to when the care team has read the thread (member view): "Seen" instead of "Sent". */
  seenAt?: string | null;
  older?: OlderMessages;
}) {
  const end = useRef<HTMLLIElement>(null);
  const top = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLOListElement>(null);
  // Follow the newest message when one is added at the end — at first, for the reader's own
  // sends, and for others' when the reader is at the end already — never when older ones are
  // added at the top, nor while the reader is back in the history.
  const newest = messages.at(-1);
  const newestId = newest?.id;
  const newestIsOwn = newest?.author.id === viewerId;
  const [atEnd, setAtEnd] = useState(false);
  const endInView = useRef(true);
  useEffect(() => {
    const el = end.current;
    if (!el) return;
    const observer = new IntersectionObserver((entries) => {
      for (const e of entries) endInView.current = e.isIntersecting;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [newestId === undefined]);
  useEffect(() => {
    if (!atEnd || newestIsOwn || endInView.current) end.current?.scrollIntoView({ block: "end" });
    setAtEnd(true);
    // Only a new newest message moves the view (atEnd is read, not watched).
  }, [newestId, newestIsOwn]);

  // Keep the message the reader is looking at in place when older ones are added above it:
  // note where the first message sits before the load, scroll by its shift after.
  const anchor = useRef<{ id: string; top: number } | null>(null);
  const oldestId = messages[0]?.id;
  const loadOlder = older?.load;
  const hasOlder = older?.hasMore ?? false;
  const loadingOlder = older?.loading ?? false;
  const startLoad = useRef(() => {});
  startLoad.current = () => {
    if (!loadOlder || !hasOlder || loadingOlder) return;
    const first = list.current?.querySelector<HTMLElement>("[data-message-id]");
    anchor.current = first ? { id: first.dataset.messageId!, top: first.getBoundingClientRect().top } : null;
    loadOlder();
  };
  useLayoutEffect(() => {
    const a = anchor.current;
    if (!a || !list.current) return;
    const el = list.current.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(a.id)}"]`);
    if (!el || messages[0]?.id === a.id) return;
    anchor.current = null;
    const shift = el.getBoundingClientRect().top - a.top;
    if (shift !== 0) scrollerOf(el).scrollBy({ top: shift, behavior: "instant" });
  }, [oldestId, messages]);

  // Scrolling to the top loads the next older page. Armed only once the view has opened at
  // the newest message (at first paint the top is briefly in view).
  useEffect(() => {
    const sentinel = top.current;
    if (!sentinel || !atEnd || !hasOlder || loadingOlder) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) startLoad.current();
    });
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [atEnd, hasOlder, loadingOlder]);

  if (messages.length === 0) {
    return <p className="py-10 text-center text-sm text-slate-500">No messages yet.</p>;
  }

  // "Sent" under the viewer's latest message only, like any messenger.
  const lastOwn = messages.findLastIndex((m) => m.author.id === viewerId && m.delivery === "sent");
  const seen = lastOwn >= 0 && seenAt !== null && new Date(seenAt).getTime() >= new Date(messages[lastOwn]!.createdAt).getTime();

  return (
    <>
    {older && (older.hasMore || older.loading) && (
      <div ref={top} className="mb-3 flex flex-col items-center gap-1 text-sm" data-testid="older-messages">
        <p role="status" className="min-h-5 text-slate-500">
          {older.loading ? "Loading earlier messages…" : older.failed ? "Earlier messages could not be loaded." : ""}
        </p>
        <button
          type="button"
          onClick={() => startLoad.current()}
          // aria-disabled, not disabled: a disabled button drops the keyboard focus.
          aria-disabled={older.loading}
          className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 shadow-sm hover:bg-slate-50 aria-disabled:opacity-60"
        >
          Load earlier messages
        </button>
      </div>
    )}
    {older && !older.hasMore && !older.loading && (
      <p className="mb-3 text-center text-xs text-slate-400" data-testid="thread-start">
        Start of the conversation
      </p>
    )}
    <ol ref={list} role="log" aria-live="polite" aria-label="Conversation" className="space-y-3">
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
          <li key={m.clientMessageId + m.id} className={`flex ${right ? "justify-end" : "justify-start"}`} data-testid="message" data-message-id={m.id} data-visibility={m.visibility}>
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
    </>
  );
}
