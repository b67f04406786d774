"use client";

/**
 * The files of a message being written. Each file uploads as soon as it is chosen (picker,
 * paste or drop), shows its progress, then its virus check, then a thumbnail or why it
 * cannot be sent. The composer sends the ids of the uploaded files; a file still being
 * checked may be sent (the thread shows it as checking), a refused one must be removed
 * first.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { useQueries } from "@tanstack/react-query";
import type { AttachmentView } from "@/lib/domain/attachments/schemas";
import { ApiError } from "@/components/api/api-client";
import { uploadAttachment } from "@/components/api/upload-attachment";
import { attachmentQueryOptions } from "@/components/attachments/attachment-query";
import { failedStatuses, pastedFileName, precheckFile, sendBlocker, takeWithinLimit, tooManyMessage } from "@/components/attachments/attachment-rules";

type Item = {
  key: string;
  fileName: string;
  sizeBytes: number;
  contentType: string;
  phase: "uploading" | "uploaded" | "error";
  /** 0–1 while uploading. */
  progress: number;
  error?: string;
  view?: AttachmentView;
};

/** One file in the composer, with its freshest server view once uploaded. */
export type ComposerAttachment = Item;

let counter = 0;
const nextKey = () => `upload-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export function useComposerAttachments() {
  const [items, setItems] = useState<Item[]>([]);
  // The list as of the last change, so quick successive additions count each other.
  const current = useRef<Item[]>([]);
  const controllers = useRef(new Map<string, AbortController>());
  const [notice, setNotice] = useState<string | null>(null);

  const change = useCallback((fn: (list: Item[]) => Item[]) => {
    current.current = fn(current.current);
    setItems(current.current);
  }, []);
  const patch = useCallback((key: string, values: Partial<Item>) => change((list) => list.map((i) => (i.key === key ? { ...i, ...values } : i))), [change]);

  const upload = useCallback(
    (key: string, file: File) => {
      const controller = new AbortController();
      controllers.current.set(key, controller);
      uploadAttachment(file, (progress) => patch(key, { progress }), controller.signal)
        .then((view) => patch(key, { phase: "uploaded", progress: 1, view }))
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          patch(key, { phase: "error", error: error instanceof ApiError ? error.message : "The upload did not work. Remove the file and try again." });
        })
        .finally(() => controllers.current.delete(key));
    },
    [patch],
  );

  const addFiles = useCallback(
    (files: File[]) => {
      if (files.length === 0) return;
      const { taken, dropped } = takeWithinLimit(current.current.length, files);
      setNotice(dropped > 0 ? `${tooManyMessage} ${dropped === 1 ? "One file was" : `${dropped} files were`} not added.` : null);
      const added = taken.map((file) => {
        const error = precheckFile(file);
        const item: Item = { key: nextKey(), fileName: file.name || "Unnamed file", sizeBytes: file.size, contentType: file.type, phase: error ? "error" : "uploading", progress: 0, ...(error ? { error } : {}) };
        return { item, file, error };
      });
      change((list) => [...list, ...added.map((a) => a.item)]);
      for (const a of added) if (!a.error) upload(a.item.key, a.file);
    },
    [change, upload],
  );

  /** Images pasted into the message box; text pastes as usual. */
  const onPaste = useCallback(
    (event: React.ClipboardEvent) => {
      const files = Array.from(event.clipboardData.files);
      if (files.length === 0) return;
      if (!event.clipboardData.types.includes("text/plain")) event.preventDefault();
      const now = new Date();
      addFiles(files.map((f) => new File([f], pastedFileName(f, now), { type: f.type, lastModified: now.getTime() })));
    },
    [addFiles],
  );

  const remove = useCallback(
    (key: string) => {
      controllers.current.get(key)?.abort();
      controllers.current.delete(key);
      change((list) => list.filter((i) => i.key !== key));
      setNotice(null);
    },
    [change],
  );

  /** After sending: the files now belong to the message. */
  const clear = useCallback(() => {
    change(() => []);
    setNotice(null);
  }, [change]);

  // Leaving the page cancels uploads still running.
  useEffect(() => {
    const map = controllers.current;
    return () => map.forEach((c) => c.abort());
  }, []);

  // Ask about every uploaded file while its check runs (shared with the thread's cache).
  const uploaded = items.filter((i): i is Item & { view: AttachmentView } => i.view !== undefined);
  const live = useQueries({ queries: uploaded.map((i) => attachmentQueryOptions(i.view)) });
  const liveViews = new Map(live.map((q, n) => [uploaded[n]!.key, q.data]));
  const list: Item[] = items.map((i) => {
    const view = liveViews.get(i.key);
    return view ? { ...i, view } : i;
  });

  const blocker = sendBlocker(list);
  const ready = list.flatMap((i) => (i.view && !failedStatuses.includes(i.view.status) ? [i.view] : []));
  return { items: list, addFiles, onPaste, remove, clear, notice, blocker, ready };
}
