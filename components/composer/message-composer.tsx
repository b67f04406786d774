"use client";

/**
 * The message box: a textarea labelled "Message", "Attach files" and a "Send" button. Enter
 * sends, Shift+Enter breaks the line. Files come from the picker, a paste of images into the
 * box, or a drop onto the composer; each uploads at once and shows in a tray until sent. A
 * message may be files alone. Extra controls (reply/internal, next state) come in as
 * children and sit between the hint and the buttons. With `mentionThreadId` (console
 * internal notes) typing "@" opens the list of colleagues to mention.
 */
import { useRef, useState, type KeyboardEvent } from "react";
import type { AttachmentView } from "@/lib/domain/attachments/schemas";
import { AttachFilesButton, AttachmentTray, DropOverlay, useFileDrop } from "./composer-attachments";
import { MentionPicker } from "./mention-picker";
import { useComposerAttachments } from "./use-composer-attachments";
import { useMentionPicker } from "./use-mention-picker";

const maxLength = 10_000;

export function MessageComposer({
  onSend,
  placeholder = "Write a message…",
  disabled = false,
  tone = "default",
  mentionThreadId = null,
  children,
}: {
  /**
   * The trimmed text (may be empty when files are attached), the uploaded files to send, and
   * the ids of the people @mentioned from the list whose "@Name" is still in the text.
   */
  onSend: (body: string, attachments: AttachmentView[], mentions: string[]) => void;
  placeholder?: string;
  disabled?: boolean;
  tone?: "default" | "internal";
  /** The thread whose staff may be @mentioned; null (members, replies): no picker. */
  mentionThreadId?: string | null;
  children?: React.ReactNode;
}) {
  const [body, setBody] = useState("");
  const [hint, setHint] = useState<string | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  const picker = useMentionPicker({ threadId: mentionThreadId, body, setBody, textarea: ref });
  const files = useComposerAttachments();
  const addFiles = (list: File[]) => {
    setHint(null);
    files.addFiles(list);
  };
  const drop = useFileDrop(addFiles, disabled);

  function send() {
    const text = body.trim();
    // The hint line already says what the files are waiting for.
    if (files.blocker) return;
    if (!text && files.ready.length === 0) {
      setHint("Write a message first.");
      return;
    }
    if (text.length > maxLength) {
      setHint(`Messages are limited to ${maxLength.toLocaleString("en-US")} characters.`);
      return;
    }
    setHint(null);
    onSend(text, files.ready, picker.idsFor(text));
    setBody("");
    picker.reset();
    files.clear();
    ref.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // The open @ list takes arrows, Enter, Tab and Escape first.
    if (picker.onKeyDown(event)) return;
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  }

  // The files' state explains a disabled Send; otherwise a refused Send says why.
  const shown = files.blocker ?? hint;
  const border = tone === "internal" ? "border-amber-300 bg-amber-50 focus-within:ring-amber-400/40" : "border-slate-300 bg-white focus-within:ring-brand-500/30";
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
      {...drop.props}
      className={`relative rounded-2xl border ${border} p-2 shadow-sm focus-within:ring-2`}
    >
      {drop.dragging && <DropOverlay />}
      <MentionPicker picker={picker} />
      <label htmlFor="composer-message" className="sr-only">
        Message
      </label>
      <textarea
        id="composer-message"
        ref={ref}
        value={body}
        onChange={(e) => {
          setBody(e.target.value);
          picker.update(e.target.value, e.target.selectionStart);
          if (hint) setHint(null);
        }}
        // Caret moves (clicks, arrow keys) open or close the @ list too.
        onSelect={(e) => picker.update(e.currentTarget.value, e.currentTarget.selectionStart)}
        onBlur={() => picker.update("", 0)}
        onKeyDown={onKeyDown}
        onPaste={(e) => {
          if (e.clipboardData.files.length > 0) setHint(null);
          files.onPaste(e);
        }}
        rows={3}
        placeholder={placeholder}
        disabled={disabled}
        aria-describedby="composer-hint"
        {...picker.inputProps}
        className="block max-h-60 min-h-[4.5rem] w-full resize-y bg-transparent px-2 py-1.5 text-base outline-none placeholder:text-slate-400"
      />
      <AttachmentTray items={files.items} notice={files.notice} onRemove={files.remove} onEmptied={() => ref.current?.focus()} />
      <div className="flex flex-wrap items-center justify-end gap-2 px-1 pt-1">
        <p id="composer-hint" className={`mr-auto min-w-0 text-xs ${files.blocker ? "text-slate-700" : hint ? "text-red-700" : "text-slate-500"}`} role={hint && !files.blocker ? "alert" : undefined} aria-live={hint && !files.blocker ? undefined : "polite"}>
          {shown ?? (
            <>
              <span className="hidden sm:inline">Enter to send · Shift+Enter for a new line</span>
              <span className="sm:hidden">Photos and PDFs up to 20 MB</span>
            </>
          )}
        </p>
        {children}
        <AttachFilesButton onFiles={addFiles} disabled={disabled} />
        <button
          type="submit"
          disabled={disabled || files.blocker !== null}
          aria-describedby="composer-hint"
          className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-60"
        >
          Send
        </button>
      </div>
    </form>
  );
}
