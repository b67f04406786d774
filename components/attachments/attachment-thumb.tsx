import type { AttachmentStatus, AttachmentView } from "@/lib/domain/attachments/schemas";
import { failedStatuses, isImage } from "./attachment-rules";
import { ImageIcon, PdfIcon, Spinner, WarningIcon } from "./attachment-icons";

/**
 * A square preview for lists and chips: the thumbnail of a clean photo, a PDF icon for a
 * document, a spinner while the file is checked, a warning when it cannot be opened.
 * Decorative (alt=""): the file name always stands beside it.
 */
export function AttachmentThumb({ view, className = "h-10 w-10" }: { view: AttachmentView; className?: string }) {
  if (view.status === "CLEAN" && view.thumbnailUrl && isImage(view)) {
    // A plain <img>: the bytes come from our API under the session cookie, never through an image optimizer.
    return <img src={view.thumbnailUrl} alt="" decoding="async" className={`${className} shrink-0 rounded-md bg-slate-100 object-cover ring-1 ring-slate-200`} />;
  }
  if (failedStatuses.includes(view.status)) {
    return (
      <span className={`${className} flex shrink-0 items-center justify-center rounded-md bg-red-50 text-red-700 ring-1 ring-red-200`}>
        <WarningIcon />
      </span>
    );
  }
  if (view.status === "PENDING") {
    return (
      <span className={`${className} flex shrink-0 items-center justify-center rounded-md bg-slate-100 text-slate-500 ring-1 ring-slate-200`}>
        <Spinner />
      </span>
    );
  }
  return isImage(view) ? <ImageIcon className={`${className} shrink-0`} /> : <PdfIcon className={`${className} shrink-0`} />;
}

const tones: Record<AttachmentStatus, string> = {
  PENDING: "bg-violet-100 text-violet-800",
  CLEAN: "bg-emerald-100 text-emerald-800",
  INFECTED: "bg-red-100 text-red-800",
  REJECTED: "bg-red-100 text-red-800",
  FAILED: "bg-slate-200 text-slate-800",
};
const labels: Record<AttachmentStatus, string> = { PENDING: "Checking", CLEAN: "Clean", INFECTED: "Virus found", REJECTED: "Not accepted", FAILED: "Failed" };

export function AttachmentStatusBadge({ status }: { status: AttachmentStatus }) {
  return <span className={`inline-flex shrink-0 rounded-full px-2 py-0.5 text-xs font-medium ${tones[status]}`}>{labels[status]}</span>;
}

/** "photo" / "PDF" for a file, for lists. */
export function kindLabel(view: AttachmentView): string {
  return isImage(view) ? "Photo" : view.contentType === "application/pdf" || view.documentType === "document" ? "PDF" : "File";
}
