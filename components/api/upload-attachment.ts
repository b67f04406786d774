"use client";

/**
 * POST /api/v1/attachments with upload progress. `fetch` cannot report upload progress, so
 * this one call uses XMLHttpRequest; it follows api-client's conventions otherwise: same
 * origin with the session cookie (the browser adds the Origin header the server checks on
 * writes), JSON answers, problem+json errors whose `detail` is shown as it is, and a
 * signed-out answer sends the browser to sign-in.
 */
import type { AttachmentView } from "@/lib/domain/attachments/schemas";
import { ApiError } from "./api-client";

export const uploadAbortedMessage = "Upload cancelled.";

/** The words to show for a failed upload answer. */
export function uploadErrorMessage(status: number, body: string): string {
  let detail: string | undefined;
  try {
    const parsed = JSON.parse(body) as { detail?: unknown } | null;
    if (parsed && typeof parsed.detail === "string" && parsed.detail.trim()) detail = parsed.detail;
  } catch {
    // Not JSON (a proxy's error page, say): fall back to words chosen by status.
  }
  if (detail) return detail;
  if (status === 413) return "Files are limited to 20 MB.";
  if (status === 415) return "This file type is not allowed.";
  if (status === 429) return "Too many uploads at once. Wait a moment and try again.";
  return "The upload did not work. Try again.";
}

export function uploadAttachment(file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<AttachmentView> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException(uploadAbortedMessage, "AbortError"));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/attachments");
    xhr.withCredentials = false; // same origin: the session cookie goes anyway
    xhr.responseType = "text";
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.min(1, event.loaded / event.total));
    };
    const onAbort = () => xhr.abort();
    signal?.addEventListener("abort", onAbort, { once: true });
    const done = () => signal?.removeEventListener("abort", onAbort);
    xhr.onload = () => {
      done();
      if (xhr.status === 401) {
        window.location.assign("/sign-in");
        reject(new ApiError(401, "Please sign in again."));
        return;
      }
      if (xhr.status < 200 || xhr.status >= 300) {
        let code: string | undefined;
        try {
          code = (JSON.parse(xhr.responseText) as { code?: string } | null)?.code;
        } catch {
          code = undefined;
        }
        reject(new ApiError(xhr.status, uploadErrorMessage(xhr.status, xhr.responseText), code));
        return;
      }
      try {
        onProgress(1);
        resolve(JSON.parse(xhr.responseText) as AttachmentView);
      } catch {
        reject(new ApiError(xhr.status, "The upload did not work. Try again."));
      }
    };
    xhr.onerror = () => {
      done();
      reject(new ApiError(0, "You appear to be offline. Check your connection and try again."));
    };
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => {
      done();
      reject(new DOMException(uploadAbortedMessage, "AbortError"));
    };
    const form = new FormData();
    form.append("file", file, file.name);
    xhr.send(form);
  });
}
