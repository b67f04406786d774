"use client";

/**
 * The composer's file controls: the "Attach files" button with its hidden picker, the tray
 * of chosen files (progress, virus check, thumbnail or the reason it cannot be sent), and
 * the drop zone that wraps a composer.
 */
import { useRef, useState, type DragEvent } from "react";
import { acceptAttribute, fallbackStatusMessage, failedStatuses } from "@/components/attachments/attachment-rules";
import { AttachmentThumb } from "@/components/attachments/attachment-thumb";
import { CloseIcon, ImageIcon, PaperclipIcon, PdfIcon, Spinner, WarningIcon } from "@/components/attachments/attachment-icons";
import { formatFileSize } from "@/components/attachments/file-size";
import type { ComposerAttachment } from "./use-composer-attachments";

/** A real button that opens the file picker; the picker itself is labelled "Attach files" too. */
export function AttachFilesButton({ onFiles, disabled = false, buttonRef }: { onFiles: (files: File[]) => void; disabled?: boolean; buttonRef?: React.Ref<HTMLButtonElement> }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        onClick={() => input.current?.click()}
        disabled={disabled}
        title="Attach photos or PDFs (up to 10 files, 20 MB each)"
        className="inline-flex items-center gap-1.5 rounded-lg px-2.5 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-60"
      >
        <PaperclipIcon />
        <span className="sr-only sm:not-sr-only">Attach files</span>
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept={acceptAttribute}
        aria-label="Attach files"
        tabIndex={-1}
        className="hidden"
        disabled={disabled}
        onChange={(e) => {
          onFiles(Array.from(e.currentTarget.files ?? []));
          e.currentTarget.value = ""; // the same file may be chosen again after removing it
        }}
      />
    </>
  );
}

/** Drag-and-drop of files onto a composer. Spread `props` on the drop target; `dragging` lights it up. */
export function useFileDrop(onFiles: (files: File[]) => void, disabled = false) {
  const [dragging, setDragging] = useState(false);
  const hasFiles = (e: DragEvent) => !disabled && Array.from(e.dataTransfer.types).includes("Files");
  const props = {
    onDragEnter: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(true);
    },
    onDragOver: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
      if (!dragging) setDragging(true);
    },
    onDragLeave: (e: DragEvent) => {
      if (e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget)) return;
      setDragging(false);
    },
    onDrop: (e: DragEvent) => {
      setDragging(false);
      if (!hasFiles(e)) return;
      e.preventDefault();
      onFiles(Array.from(e.dataTransfer.files));
    },
  };
  return { dragging, props };
}

/** Shown over a composer while files are dragged onto it. */
export function DropOverlay() {
  return (
    <div aria-hidden className="pointer-events-none absolute inset-0 z-10 flex items-center justify-center rounded-2xl border-2 border-dashed border-brand-500 bg-brand-50/90 text-sm font-semibold text-brand-700">
      Drop files to attach
    </div>
  );
}

export function AttachmentTray({
  items,
  notice,
  onRemove,
  onEmptied,
}: {
  items: ComposerAttachment[];
  notice: string | null;
  onRemove: (key: string) => void;
  /** Where focus goes when the last file is removed. */
  onEmptied?: () => void;
}) {
  const list = useRef<HTMLUListElement>(null);
  if (items.length === 0 && !notice) return null;

  function remove(key: string, index: number) {
    onRemove(key);
    // Keep keyboard focus in the tray: the next file's remove button, else the previous one.
    requestAnimationFrame(() => {
      const buttons = list.current?.querySelectorAll<HTMLButtonElement>("button[data-remove]");
      const next = buttons?.[Math.min(index, buttons.length - 1)];
      if (next) next.focus();
      else onEmptied?.();
    });
  }

  return (
    <div className="px-1 pt-1">
      {notice && (
        <p role="alert" className="mb-1.5 text-xs text-red-700">
          {notice}
        </p>
      )}
      {items.length > 0 && (
        <ul ref={list} aria-label="Attached files" className="-m-0.5 grid max-h-[32dvh] gap-2 p-0.5 overflow-y-auto overscroll-contain sm:max-h-none sm:grid-cols-2 sm:overflow-visible">
          {items.map((item, index) => (
            <AttachmentChip key={item.key} item={item} onRemove={() => remove(item.key, index)} />
          ))}
        </ul>
      )}
    </div>
  );
}

function AttachmentChip({ item, onRemove }: { item: ComposerAttachment; onRemove: () => void }) {
  const view = item.view;
  const refused = item.phase === "error" || (view !== undefined && failedStatuses.includes(view.status));
  const pct = Math.round(item.progress * 100);
  const size = formatFileSize(item.sizeBytes);

  let preview: React.ReactNode;
  if (view) preview = <AttachmentThumb view={view} />;
  else if (item.phase === "error")
    preview = (
      <span className="flex h-10 w-10 shrink-0 items-center justify-center rounded-md bg-red-50 text-red-700 ring-1 ring-red-200">
        <WarningIcon />
      </span>
    );
  else preview = item.contentType === "application/pdf" ? <PdfIcon className="h-10 w-10 shrink-0" /> : <ImageIcon className="h-10 w-10 shrink-0" />;

  let status: React.ReactNode;
  if (item.phase === "uploading") status = <span className="text-slate-600">Uploading…</span>;
  else if (item.phase === "error") status = <span className="text-red-700">{item.error}</span>;
  else if (view?.status === "PENDING")
    status = (
      <span className="inline-flex items-center gap-1.5 text-slate-600">
        <Spinner className="h-3.5 w-3.5" />
        Checking for viruses…
      </span>
    );
  else if (view?.status === "CLEAN") status = <span className="text-emerald-700">Ready · {size}</span>;
  else if (view) status = <span className="text-red-700">{view.statusMessage ?? fallbackStatusMessage(view.status)}</span>;

  return (
    <li
      className={`flex min-w-0 items-center gap-2.5 rounded-xl border p-2 ${refused ? "border-red-200 bg-red-50/60" : "border-slate-200 bg-white"}`}
      data-testid="composer-attachment"
      data-status={item.phase === "uploaded" ? view?.status : item.phase}
    >
      {preview}
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium text-slate-900" title={item.fileName}>
          {item.fileName}
        </p>
        <p className="text-xs" aria-live="polite">
          {status}
        </p>
        {view?.statusMessage && !refused && <p className="text-xs text-slate-500">{view.statusMessage}</p>}
        {item.phase === "uploading" && (
          <div
            role="progressbar"
            aria-label={`Uploading ${item.fileName}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            aria-valuetext={`${pct}% of ${size}`}
            className="mt-1 h-1.5 overflow-hidden rounded-full bg-slate-200"
          >
            <div className="h-full rounded-full bg-brand-500 transition-[width] duration-150 motion-reduce:transition-none" style={{ width: `${pct}%` }} />
          </div>
        )}
      </div>
      <button
        type="button"
        data-remove
        onClick={onRemove}
        aria-label={`Remove ${item.fileName}`}
        className="shrink-0 self-start rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900"
      >
        <CloseIcon />
      </button>
    </li>
  );
}
