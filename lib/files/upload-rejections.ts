/**
 * Why an upload was refused, as a stable code (API responses, tests, metrics) and in plain
 * words for the member. The words say what to do next where there is something to do; they
 * never repeat the file's name or contents (they may end up in logs and support tickets).
 */

export const uploadRejectionCodes = ["empty", "type_not_allowed", "heic_not_supported", "type_mismatch", "active_content", "pdf_not_checkable", "bad_file_name"] as const;
export type UploadRejectionCode = (typeof uploadRejectionCodes)[number];

export const uploadRejectionMessages: Readonly<Record<UploadRejectionCode, string>> = {
  empty: "The file is empty.",
  type_not_allowed: "This file type is not allowed. Send a photo (JPEG, PNG, WebP) or a PDF.",
  heic_not_supported:
    "iPhone HEIC photos cannot be received yet. Please send the photo as a JPEG: on iPhone, choose Settings › Camera › Formats › Most Compatible, or take a screenshot of the photo and send that.",
  type_mismatch: "The file's type does not match its contents.",
  active_content: "This file contains content that is not allowed (for example web page code or scripts).",
  // A PDF too large or too strangely built to inspect within our limits (pdf-object-streams.ts).
  // Re-saving through "Print to PDF" writes a plain file that passes.
  pdf_not_checkable: "This PDF could not be checked. Please save or print it as a new PDF and send that.",
  bad_file_name: "File names cannot contain folder paths.",
};

export type UploadRejection<C extends UploadRejectionCode = UploadRejectionCode> = { ok: false; code: C; message: string };

export const rejectUpload = <C extends UploadRejectionCode>(code: C): UploadRejection<C> => ({ ok: false, code, message: uploadRejectionMessages[code] });
