/**
 * First look at an uploaded attachment: is it a kind of file we accept, is it what it claims
 * to be, and under what name do we show it. No storage, no database, no logging; PDFs are
 * read by the qpdf program (check-pdf.ts). The route handler calls it once the body is read and refuses the upload with `message`
 * when it answers `ok: false`. The size limit is checked by the caller before reading.
 *
 * ACCEPTED — decided from the bytes only (file-type), never from the name or the client:
 *   JPEG (image/jpeg; .jpg .jpeg .jfif .jpe)   PNG (image/png; .png)
 *   WebP (image/webp; .webp)                   PDF (application/pdf; .pdf)
 *
 * REFUSED, checked in this order (first match wins; codes in upload-rejections.ts):
 *   empty               zero bytes.
 *   type_not_allowed    the bytes are no known type (text, HTML, scripts, CSV…) or a type
 *                       not listed above (zip, exe/ELF/Mach-O, GIF, TIFF, AVIF, SVG/XML…).
 *   heic_not_supported  HEIC/HEIF (iPhone's default photo format): the prebuilt libvips in
 *                       sharp 0.35 has libheif with AV1 only, no HEVC decoder (patent
 *                       licensing), so we could neither re-encode it nor make a thumbnail.
 *                       Checked: sharp.format.heif lists only .avif, and decoding a real HEIC
 *                       fails ("Support for this compression format has not been built in:
 *                       HEVC"); test-files.ts heicPhoto() keeps that proof in the tests.
 *                       The member is told how to send a JPEG instead.
 *   type_mismatch       the declared Content-Type names a different type (null, "" and
 *                       application/octet-stream count as undeclared; image/jpg and image/pjpeg
 *                       mean JPEG), or the file name's extension does not belong to the type
 *                       (no extension is fine). A mismatch is how renamed executables and
 *                       "photo\u202Egpj.exe"-style names show up.
 *   active_content      web-page code anywhere in the bytes, ignoring case: the tags <html,
 *                       <script, <svg, <iframe, <body, <object, <embed (followed by a tag
 *                       delimiter), <!doctype, javascript: — a polyglot (active-markup.ts).
 *   PDFs, read by qpdf (check-pdf.ts; fail closed):
 *   pdf_checker_missing no qpdf installed (QPDF_PATH, /usr/bin/qpdf): no PDF is accepted.
 *   pdf_encrypted       encrypted, with or without a password to open it.
 *   pdf_not_checkable   qpdf could not read it cleanly: errors, warnings (it had to repair
 *                       the file), a time-out, too many objects.
 *   pdf_active_content  scripts, actions other than page links and https links, embedded
 *                       files, rich media, 3D, XFA — in any object (pdf-active-content.ts).
 *   bad_file_name       a `..` folder segment in the name (clean-file-name.ts).
 *
 * Deliberately NOT refused here: unknown binary content and the EICAR test string, wherever
 * they sit in an accepted file. Judging content is the virus scanner's job (lib/scanner),
 * and the tests rely on EICAR reaching it.
 */
import { fileTypeFromBuffer } from "file-type";
import { containsActiveMarkup } from "./active-markup";
import { extensionsByType, heicContentTypes, isAllowedContentType, normaliseDeclaredType, preferredExtension, type AllowedContentType } from "./allowed-types";
import { cleanFileName, fileNameExtension } from "./clean-file-name";
import { checkPdf, type CheckPdfOptions } from "./check-pdf";
import { rejectUpload, type UploadRejection } from "./upload-rejections";

export type { AllowedContentType } from "./allowed-types";
export type { UploadRejectionCode } from "./upload-rejections";

export type InspectInput = {
  bytes: Uint8Array;
  /** As the client sent it (multipart filename); display only. */
  fileName: string;
  /** The multipart part's Content-Type, or null when it had none. */
  declaredType: string | null;
};

export type InspectResult =
  | {
      ok: true;
      /** Found in the bytes: the only type the file is ever stored and served as. */
      contentType: AllowedContentType;
      /** The usual extension for contentType (jpg, png, webp, pdf), lower case without the dot: for download names. */
      extension: string;
      /** Cleaned, for display. */
      fileName: string;
    }
  | UploadRejection;

export type InspectOptions = {
  /** How PDFs are read (the qpdf program, limits); by default as configured. */
  pdf?: CheckPdfOptions;
};

export async function inspectUpload({ bytes, fileName, declaredType }: InspectInput, options: InspectOptions = {}): Promise<InspectResult> {
  if (bytes.byteLength === 0) return rejectUpload("empty");

  // file-type reads the magic numbers at the start; it finds nothing in text formats, which
  // is what we want: HTML, SVG and scripts have no business here.
  const detected = (await fileTypeFromBuffer(bytes))?.mime;
  if (detected === undefined) return rejectUpload("type_not_allowed");
  if (heicContentTypes.has(detected)) return rejectUpload("heic_not_supported");
  if (!isAllowedContentType(detected)) return rejectUpload("type_not_allowed");
  const contentType: AllowedContentType = detected;

  const declared = normaliseDeclaredType(declaredType);
  if (declared !== null && declared !== contentType) return rejectUpload("type_mismatch");

  const extension = fileNameExtension(fileName);
  if (extension !== null && !extensionsByType[contentType].includes(extension)) return rejectUpload("type_mismatch");

  if (containsActiveMarkup(bytes)) return rejectUpload("active_content");
  if (contentType === "application/pdf") {
    const pdf = await checkPdf(bytes, options.pdf);
    if (!pdf.ok) return rejectUpload(pdf.code);
  }

  const name = cleanFileName(fileName, { fallbackExtension: preferredExtension(contentType) });
  if (!name.ok) return name;
  return { ok: true, contentType, extension: preferredExtension(contentType), fileName: name.name };
}
