/**
 * First look at an uploaded attachment: is it a kind of file we accept, is it what it claims
 * to be, and under what name do we show it. Pure (no storage, no database, no logging):
 * the route handler calls it once the body is read and refuses the upload with `message`
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
 *                       PDFs also: the names /JavaScript, /JS or /Launch (#xx escapes decoded)
 *                       in the raw file or its deflated object streams (pdf-active-content.ts).
 *                       Heuristics, not a PDF parser: encrypted PDFs and object streams
 *                       behind other filters are not looked into.
 *   pdf_not_checkable   a PDF too large or too oddly built to inspect within our limits
 *                       (pdf-object-streams.ts): thousands of streams, a zip bomb.
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
import { findPdfActiveContent } from "./pdf-active-content";
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

export async function inspectUpload({ bytes, fileName, declaredType }: InspectInput): Promise<InspectResult> {
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
    const pdf = findPdfActiveContent(bytes);
    if (pdf === "found") return rejectUpload("active_content");
    if (pdf === "too_complex") return rejectUpload("pdf_not_checkable");
  }

  const name = cleanFileName(fileName, { fallbackExtension: preferredExtension(contentType) });
  if (!name.ok) return name;
  return { ok: true, contentType, extension: preferredExtension(contentType), fileName: name.name };
}
