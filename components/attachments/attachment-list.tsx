"use client";

/**
 * A compact list of files (ticket sidebar, member documents): preview, name as a link when
 * the file may be opened, kind, size and date, and the status when it is not clean. Long
 * lists show their first few with a "Show all" button.
 */
import { useState } from "react";
import type { AttachmentView } from "@/lib/domain/attachments/schemas";
import { fallbackStatusMessage, isImage } from "./attachment-rules";
import { useLiveAttachment } from "./attachment-query";
import { AttachmentStatusBadge, AttachmentThumb, kindLabel } from "./attachment-thumb";
import { formatFileSize } from "./file-size";

function day(iso: string) {
  return new Date(iso).toLocaleDateString("en-US", { month: "short", day: "numeric" });
}

export function AttachmentList({
  items,
  label,
  threadId,
  initialCount = 5,
  testId,
}: {
  items: AttachmentView[];
  /** The list's accessible name, e.g. "Ticket attachments". */
  label: string;
  /** The thread whose messages to refresh when a file's check ends (ticket sidebar). */
  threadId?: string;
  initialCount?: number;
  testId?: string;
}) {
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, initialCount);
  return (
    <>
      <ul aria-label={label} className="mt-1.5 space-y-2" data-testid={testId}>
        {shown.map((a) => (
          <Row key={a.id} stored={a} threadId={threadId ?? a.threadId} />
        ))}
      </ul>
      {items.length > initialCount && (
        <button type="button" onClick={() => setAll(!all)} aria-expanded={all} className="mt-1.5 text-xs font-medium text-brand-700 hover:underline">
          {all ? "Show fewer" : `Show all ${items.length}`}
        </button>
      )}
    </>
  );
}

function Row({ stored, threadId }: { stored: AttachmentView; threadId: string | null }) {
  const view = useLiveAttachment(stored, threadId);
  const image = isImage(view);
  const details = [kindLabel(view), formatFileSize(view.sizeBytes), day(view.createdAt)].join(" · ");
  return (
    <li className="flex min-w-0 items-start gap-2.5" data-testid="attachment-row" data-status={view.status}>
      {view.contentUrl ? (
        <a href={view.contentUrl} {...(image ? { target: "_blank", rel: "noopener noreferrer" } : { download: view.fileName })} tabIndex={-1} aria-hidden className="shrink-0">
          <AttachmentThumb view={view} className="h-9 w-9" />
        </a>
      ) : (
        <AttachmentThumb view={view} className="h-9 w-9" />
      )}
      <div className="min-w-0 flex-1">
        {view.contentUrl ? (
          <a
            href={view.contentUrl}
            {...(image ? { target: "_blank", rel: "noopener noreferrer" } : { download: view.fileName })}
            title={image ? `${view.fileName} — opens in a new tab` : `Download ${view.fileName}`}
            className="block truncate font-medium text-brand-700 hover:underline"
          >
            {view.fileName}
          </a>
        ) : (
          <span className="block truncate font-medium text-slate-700" title={view.fileName}>
            {view.fileName}
          </span>
        )}
        <span className="flex flex-wrap items-center gap-x-1.5 gap-y-0.5 text-xs text-slate-500">
          {details}
          {view.status !== "CLEAN" && <AttachmentStatusBadge status={view.status} />}
        </span>
        {view.status !== "CLEAN" && <span className="block text-xs text-slate-600">{view.statusMessage ?? fallbackStatusMessage(view.status)}</span>}
      </div>
    </li>
  );
}
