"use client";

import { useRef, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import type { MemberChannel } from "@/lib/domain/threads/list-member-channels";
import type { MessageView } from "@/lib/domain/messages/schemas";
import type { ThreadView } from "@/lib/domain/threads/schemas";
import { api, ApiError, newClientMessageId } from "@/components/api/api-client";
import { AttachFilesButton, AttachmentTray, DropOverlay, useFileDrop } from "@/components/composer/composer-attachments";
import { useComposerAttachments } from "@/components/composer/use-composer-attachments";

export function NewConversationForm({ channels }: { channels: MemberChannel[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // One id per conversation attempt: a retry after a failure cannot create a second thread.
  const clientMessageId = useRef(newClientMessageId());
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const files = useComposerAttachments();
  const addFiles = (list: File[]) => {
    setError(null);
    files.addFiles(list);
  };
  const drop = useFileDrop(addFiles, pending);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = String(form.get("body") ?? "").trim();
    const subject = String(form.get("subject") ?? "").trim();
    const teamId = String(form.get("channel") ?? "");
    if (files.blocker) {
      setError(files.blocker);
      return;
    }
    if (!body && files.ready.length === 0) {
      setError("Write a message first.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      const { thread } = await api.post<{ thread: ThreadView; message: MessageView }>("/threads", {
        body,
        clientMessageId: clientMessageId.current,
        ...(subject ? { subject } : {}),
        ...(teamId ? { teamId } : {}),
        ...(files.ready.length > 0 ? { attachmentIds: files.ready.map((a) => a.id) } : {}),
      });
      router.push(`/messages/${thread.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Not sent. Try again.");
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} {...drop.props} className="relative space-y-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      {drop.dragging && <DropOverlay />}
      {channels.length > 1 && (
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-slate-800">To</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {channels.map((c, i) => (
              <label key={c.teamId ?? "care-team"} className="flex cursor-pointer gap-3 rounded-xl border border-slate-200 p-3 has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50">
                <input type="radio" name="channel" value={c.teamId ?? ""} defaultChecked={i === 0} className="mt-1 accent-brand-600" />
                <span>
                  <span className="block font-medium">{c.label}</span>
                  <span className="block text-sm text-slate-600">{c.description}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <div className="space-y-1">
        <label htmlFor="subject" className="block text-sm font-medium text-slate-800">
          Subject <span className="font-normal text-slate-500">(optional)</span>
        </label>
        <input id="subject" name="subject" maxLength={200} className="block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30" />
      </div>
      <div className="space-y-1">
        <label htmlFor="body" className="block text-sm font-medium text-slate-800">
          Message
        </label>
        <textarea
          id="body"
          name="body"
          ref={bodyRef}
          rows={6}
          maxLength={10_000}
          required={files.items.length === 0}
          onPaste={(e) => {
            if (e.clipboardData.files.length > 0) setError(null);
            files.onPaste(e);
          }}
          aria-describedby="body-files-hint"
          className="block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30"
        />
        <div className="-mx-1">
          <AttachmentTray items={files.items} notice={files.notice} onRemove={files.remove} onEmptied={() => bodyRef.current?.focus()} />
        </div>
      </div>
      {error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <div className="flex flex-wrap items-center justify-end gap-2">
        <p id="body-files-hint" className={`mr-auto min-w-0 text-xs ${files.blocker ? "text-slate-700" : "text-slate-500"}`} aria-live="polite">
          {files.blocker ?? "Photos (JPEG, PNG, WebP) and PDFs, up to 20 MB each. You can also paste or drop them here."}
        </p>
        <AttachFilesButton onFiles={addFiles} disabled={pending} />
        <button
          type="submit"
          disabled={pending || files.blocker !== null}
          className="rounded-lg bg-brand-600 px-5 py-2.5 font-semibold text-white shadow-sm hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-60"
        >
          {pending ? "Sending…" : "Send"}
        </button>
      </div>
    </form>
  );
}
