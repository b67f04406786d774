/**
 * The PDF part of the upload check (inspect-upload.ts): qpdf reads the file
 * (read-pdf-objects.ts), then every object is judged (pdf-active-content.ts). Answers which
 * refusal applies, or ok. ⚠ Fail closed: no qpdf, no clean read, no verdict → refused.
 */
import { findPdfActiveContent } from "./pdf-active-content";
import { qpdfProgram } from "./qpdf-program";
import { readPdfObjects, type ReadPdfOptions } from "./read-pdf-objects";
import type { UploadRejectionCode } from "./upload-rejections";

export type PdfRejectionCode = Extract<UploadRejectionCode, "pdf_active_content" | "pdf_encrypted" | "pdf_not_checkable" | "pdf_checker_missing">;
export type PdfCheck = { ok: true } | { ok: false; code: PdfRejectionCode };

export type CheckPdfOptions = Partial<Omit<ReadPdfOptions, "program">> & {
  /** The qpdf program; default qpdfProgram() (QPDF_PATH or the usual places); null: none installed. */
  program?: string | null;
};

export async function checkPdf(bytes: Uint8Array, { program = qpdfProgram(), ...limits }: CheckPdfOptions = {}): Promise<PdfCheck> {
  if (program === null) return { ok: false, code: "pdf_checker_missing" };
  const read = await readPdfObjects(bytes, { program, ...limits });
  if (!read.ok) return { ok: false, code: read.reason === "unavailable" ? "pdf_checker_missing" : read.reason === "encrypted" ? "pdf_encrypted" : "pdf_not_checkable" };
  return findPdfActiveContent(read.objects) === null ? { ok: true } : { ok: false, code: "pdf_active_content" };
}
