/**
 * What the composer checks before an upload starts. The server is the authority (it reads
 * the type from the bytes and enforces the limits again); these checks only spare the
 * member a slow upload that would be refused anyway.
 */
import type { AttachmentStatus, AttachmentView } from "@/lib/domain/attachments/schemas";
import { allowedContentTypes, extensionsByType, heicContentTypes, isAllowedContentType, normaliseDeclaredType } from "@/lib/files/allowed-types";
import { uploadRejectionMessages } from "@/lib/files/upload-rejections";
import { formatFileSize } from "./file-size";

export const acceptedContentTypes = allowedContentTypes;
/** The file picker's `accept` attribute (iPhones then hand over HEIC photos as JPEG). */
export const acceptAttribute = allowedContentTypes.join(",");
/** The server's defaults (ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_PER_MESSAGE); it may be configured lower or higher and has the last word. */
export const maxFileBytes = 20_000_000;
export const maxFilesPerMessage = 10;

const acceptedExtensions = new Set(Object.values(extensionsByType).flat());
const heicExtensions = new Set(["heic", "heif"]);

export const typeNotAllowedMessage = uploadRejectionMessages.type_not_allowed;
export const tooLargeMessage = `Files are limited to ${formatFileSize(maxFileBytes)}.`;
export const tooManyMessage = `You can attach up to ${maxFilesPerMessage} files to one message.`;

/** Why this file cannot be uploaded, in plain words; null when it may be tried. */
export function precheckFile(file: { name: string; size: number; type: string }): string | null {
  if (file.size === 0) return uploadRejectionMessages.empty;
  if (file.size > maxFileBytes) return `This file is too large (${formatFileSize(file.size)}). ${tooLargeMessage}`;
  const extension = file.name.includes(".") ? (file.name.split(".").pop() ?? "").toLowerCase() : "";
  const declared = normaliseDeclaredType(file.type);
  if ((declared !== null && heicContentTypes.has(declared)) || heicExtensions.has(extension)) return uploadRejectionMessages.heic_not_supported;
  // Some systems give no type at all; then the name decides here and the bytes on the server.
  const allowed = declared !== null ? isAllowedContentType(declared) : acceptedExtensions.has(extension);
  return allowed ? null : typeNotAllowedMessage;
}

/** Splits a batch of new files into those that fit beside `current` files and the rest. */
export function takeWithinLimit<T>(current: number, files: readonly T[]): { taken: T[]; dropped: number } {
  const room = Math.max(0, maxFilesPerMessage - current);
  return { taken: files.slice(0, room), dropped: Math.max(0, files.length - room) };
}

export const failedStatuses: readonly AttachmentStatus[] = ["INFECTED", "REJECTED", "FAILED"];

export function isImage(view: Pick<AttachmentView, "contentType" | "documentType">): boolean {
  return view.documentType === "photo" || (view.contentType?.startsWith("image/") ?? false);
}

/** The words shown for an attachment that cannot be opened, when the server gave none. */
export function fallbackStatusMessage(status: AttachmentStatus): string {
  switch (status) {
    case "PENDING":
      return "Checking for viruses…";
    case "INFECTED":
      return "A virus was found in this file, so it was removed.";
    case "REJECTED":
      return "This file was not accepted.";
    case "FAILED":
      return "This file could not be processed.";
    case "CLEAN":
      return "Ready";
  }
}

/** Display size of a thumbnail that fits a box, keeping its proportions and never enlarging it. */
export function fitWithin(width: number, height: number, maxWidth: number, maxHeight: number): { width: number; height: number } {
  if (width <= 0 || height <= 0) return { width: maxWidth, height: maxHeight };
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * How often to ask about a file still being checked: briskly at first (a scan takes a
 * second or two), then gently, so a file waiting for an unavailable scanner does not keep
 * a tab asking forever.
 */
export function pendingPollInterval(polls: number): number {
  return polls < 60 ? 700 : 5_000;
}

/** A readable name for an image pasted from the clipboard (browsers call them all "image.png"). */
export function pastedFileName(file: { name: string; type: string }, now: Date): string {
  if (file.name && !/^image\.(png|jpe?g|webp|gif)$/i.test(file.name)) return file.name;
  const ext = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" }[file.type] ?? (file.name.split(".").pop() || "png");
  const pad = (n: number) => String(n).padStart(2, "0");
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}.${pad(now.getMinutes())}.${pad(now.getSeconds())}`;
  return `Pasted image ${stamp}.${ext}`;
}

/**
 * Why a message cannot be sent yet because of its files; null when it can. Files still
 * being checked may be sent; refused ones must be removed first; uploads must finish.
 */
export function sendBlocker(items: readonly { fileName: string; phase: "uploading" | "uploaded" | "error"; view?: { status: AttachmentStatus } }[]): string | null {
  const refused = items.filter((i) => i.phase === "error" || (i.view && failedStatuses.includes(i.view.status)));
  if (refused.length === 1) return `To send, remove “${refused[0]!.fileName}”: it cannot be attached.`;
  if (refused.length > 1) return `To send, remove the ${refused.length} files that cannot be attached.`;
  if (items.some((i) => i.phase === "uploading")) return "Wait for the upload to finish.";
  return null;
}
