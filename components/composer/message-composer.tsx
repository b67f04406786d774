"use client";

/**
 * The message box: a textarea labelled "Message" and a "Send" button. Enter sends,
 * Shift+Enter breaks the line. Extra controls (reply/internal, next state) come in as
 * children and sit between the box and the button.
 */
import { useRef, useState, type KeyboardEvent } from "react";

const maxLength = 10_000;

export function MessageComposer({
  onSend,
  placeholder = "Write a message…",
  disabled = false,
  tone = "default",
  children,
}: {
  onSend: (body: string) => void;
  placeholder?: string;
  disabled?: boolean;
  tone?: "default" | "internal";
  children?: React.ReactNode;
}) {
  const [body, setBody] = useState("");
  const [hint, setHint] = useState<string | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);

  function send() {
    const text = body.trim();
    if (!text) {
      setHint("Write a message first.");
      return;
    }
    if (text.length > maxLength) {
      setHint(`Messages are limited to ${maxLength.toLocaleString("en-US")} characters.`);
      return;
    }
    setHint(null);
    onSend(text);
    setBody("");
    ref.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  }

  const border = tone === "internal" ? "border-amber-300 bg-amber-50 focus-within:ring-amber-400/40" : "border-slate-300 bg-white focus-within:ring-brand-500/30";
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
      className={`rounded-2xl border ${border} p-2 shadow-sm focus-within:ring-2`}
    >
      <label htmlFor="composer-message" className="sr-only">
        Message
      </label>
      <textarea
        id="composer-message"
        ref={ref}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={onKeyDown}
        rows={3}
        placeholder={placeholder}
        disabled={disabled}
        aria-describedby="composer-hint"
        className="block max-h-60 min-h-[4.5rem] w-full resize-y bg-transparent px-2 py-1.5 text-base outline-none placeholder:text-slate-400"
      />
      <div className="flex flex-wrap items-center justify-end gap-2 px-1 pt-1">
        <p id="composer-hint" className={`mr-auto text-xs ${hint ? "text-red-700" : "text-slate-500"}`} role={hint ? "alert" : undefined}>
          {hint ?? "Enter to send · Shift+Enter for a new line"}
        </p>
        {children}
        <button
          type="submit"
          disabled={disabled}
          className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60"
        >
          Send
        </button>
      </div>
    </form>
  );
}
