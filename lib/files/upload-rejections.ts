/**
 * Why an upload was refused, as a stable code (API responses, tests, metrics) and in plain
 * words for the member. The words say what to do next where there is something to do; they
 * never repeat the file's name or contents (they may end up in logs and support tickets).
 */

export const uploadRejectionCodes = [
  "empty",
  "type_not_allowed",
  "heic_not_supported",
  "type_mismatch",
  "active_content",
  "pdf_active_content",
  "pdf_encrypted",
  "pdf_not_checkable",
  "pdf_checker_missing",
  "bad_file_name",
] as const;
export type UploadRejectionCode = (typeof uploadRejectionCodes)[number];

export const uploadRejectionMessages: Readonly<Record<UploadRejectionCode, string>> = {
  empty: "The file is empty.",
  type_not_allowed: "This file type is not allowed. Send a photo (JPEG, PNG, WebP) or a PDF.",
  heic_not_supported:
    "iPhone HEIC photos cannot be received yet. Please send the photo as a JPEG: on iPhone, choose Settings › Camera › Formats › Most Compatible, or take a screenshot of the photo and send that.",
  type_mismatch: "The file's type does not match its contents.",
  active_content: "This file contains content that is not allowed (for example web page code or scripts).",
  // Scripts, launch/submit/import actions, embedded files, media, XFA, links that are not https
  // (pdf-active-content.ts). "Print to PDF" writes the pages without any of them.
  pdf_active_content:
    "This PDF contains scripts, attached files, form actions or links that are not allowed here (links must start with https). Please print it to a new PDF, or take photos of the pages, and send that.",
  pdf_encrypted: "This PDF is password-protected or encrypted, so it cannot be checked. Please remove the password (or print it to a new PDF) and send it again.",
  // qpdf could not read it cleanly: damaged (it had to repair it), malformed, or too large to read in time.
  // Re-saving through "Print to PDF" writes a plain file that passes.
  pdf_not_checkable: "This PDF could not be checked: it may be damaged. Please save or print it as a new PDF and send that.",
  // No qpdf on the server (lib/files/qpdf-program.ts): the operator must install it; photos still work.
  pdf_checker_missing:
    "PDFs cannot be received on this server yet: it cannot check them because the qpdf program is not installed (an administrator can install it, see the README). Photos can still be sent.",
  bad_file_name: "File names cannot contain folder paths.",
};

export type UploadRejection<C extends UploadRejectionCode = UploadRejectionCode> = { ok: false; code: C; message: string };

export const rejectUpload = <C extends UploadRejectionCode>(code: C): UploadRejection<C> => ({ ok: false, code, message: uploadRejectionMessages[code] });
