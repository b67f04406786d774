"use client";

import type { AttachmentView } from "@/lib/domain/attachments/schemas";
import { fallbackStatusMessage, failedStatuses, fitWithin, isImage } from "./attachment-rules";
import { useLiveAttachment } from "./attachment-query";
import { formatFileSize } from "./file-size";
import { PdfIcon, Spinner, WarningIcon } from "./attachment-icons";

const thumbBox = 240;

/**
 * A message's files under its text: clean photos as thumbnails that open the full image in
 * a new tab, documents as a card with a Download link, files still being checked as
 * "Checking for viruses…" (they turn into thumbnails without a reload), and files that
 * cannot be opened as a muted card saying why.
 */
export function MessageAttachments({
  attachments,
  threadId,
  internal,
  alignEnd,
}: {
  attachments: AttachmentView[];
  threadId: string;
  internal: boolean;
  alignEnd: boolean;
}) {
  if (attachments.length === 0) return null;
  return (
    <ul aria-label="Attachments" className={`mt-1.5 flex flex-wrap gap-2 ${alignEnd ? "justify-end" : ""}`}>
      {attachments.map((a) => (
        <li key={a.id} className="min-w-0 max-w-full" data-testid="message-attachment" data-status={a.status}>
          <ThreadAttachment view={a} threadId={threadId} internal={internal} />
        </li>
      ))}
    </ul>
  );
}

function ThreadAttachment({ view: stored, threadId, internal }: { view: AttachmentView; threadId: string; internal: boolean }) {
  const view = useLiveAttachment(stored, threadId);
  const frame = internal ? "border-amber-300 bg-amber-50/60" : "border-slate-200 bg-white";
  const size = formatFileSize(view.sizeBytes);

  if (view.status === "CLEAN" && view.contentUrl && view.thumbnailUrl && isImage(view)) {
    const box = view.width && view.height ? fitWithin(view.width, view.height, thumbBox, thumbBox) : null;
    return (
      <a
        href={view.contentUrl}
        target="_blank"
        rel="noopener noreferrer"
        className={`group block overflow-hidden rounded-xl border ${frame} shadow-sm hover:shadow`}
        title={`${view.fileName} · ${size} · opens in a new tab`}
      >
        {/* Plain <img>: our API serves it under the session cookie; width/height keep the space while it loads. */}
        <img
          src={view.thumbnailUrl}
          alt={view.fileName}
          loading="lazy"
          decoding="async"
          {...(box ? { width: box.width, height: box.height } : {})}
          className={`block h-auto max-w-full bg-slate-100 ${box ? "" : "max-h-60 min-h-24 w-60 object-contain"}`}
        />
        <span className="sr-only"> (opens the full image in a new tab)</span>
      </a>
    );
  }

  if (view.status === "CLEAN" && view.contentUrl) {
    return (
      <div className={`flex w-80 max-w-full items-center gap-3 rounded-xl border ${frame} p-2.5 shadow-sm`}>
        <PdfIcon className="h-10 w-10 shrink-0" />
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-medium text-slate-900" title={view.fileName}>
            {view.fileName}
          </p>
          <p className="text-xs text-slate-500">{isImage(view) ? "Photo" : "PDF"} · {size}</p>
        </div>
        <a
          href={view.contentUrl}
          download={view.fileName}
          className="shrink-0 rounded-md border border-brand-600 px-2.5 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50"
        >
          Download<span className="sr-only"> {view.fileName}</span>
        </a>
      </div>
    );
  }

  if (view.status === "PENDING") {
    return (
      <div className={`flex w-80 max-w-full items-center gap-3 rounded-xl border border-dashed ${internal ? "border-amber-300 bg-amber-50/60" : "border-slate-300 bg-white"} p-2.5`}>
        <span className="flex h-10 w-10 shrink-0 items-center justify-center rounded-md bg-slate-100 text-slate-500">
          <Spinner className="h-5 w-5" />
        </span>
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-medium text-slate-800" title={view.fileName}>
            {view.fileName}
          </p>
          <p className="text-xs text-slate-600">
            Checking for viruses… <span className="text-slate-400">· {size}</span>
          </p>
          {view.statusMessage && <p className="text-xs text-slate-500">{view.statusMessage}</p>}
        </div>
      </div>
    );
  }

  // INFECTED, REJECTED, FAILED (or clean but not served): nothing to open, say why.
  const failed = failedStatuses.includes(view.status);
  return (
    <div className="flex w-80 max-w-full items-start gap-3 rounded-xl border border-slate-200 bg-slate-50 p-2.5 text-slate-600">
      <span className={`flex h-10 w-10 shrink-0 items-center justify-center rounded-md ${failed ? "bg-red-50 text-red-700" : "bg-slate-100 text-slate-500"}`}>
        <WarningIcon />
      </span>
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium text-slate-700" title={view.fileName}>
          {view.fileName}
        </p>
        <p className="text-xs">{view.statusMessage ?? fallbackStatusMessage(view.status)}</p>
      </div>
    </div>
  );
}
