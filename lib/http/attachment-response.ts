/**
 * ⚠ Security-critical: how a stored file goes back to a browser. The bytes were uploaded by
 * someone else, so the browser must never treat them as anything but the checked type:
 *  - Content-Type is the type found in the bytes, and nosniff forbids guessing another;
 *  - a CSP of its own (nothing may load or run, sandboxed, never framed) in case a file is
 *    opened as a page;
 *  - Content-Disposition: images inline (they are shown in the thread), PDFs and any
 *    `download` request as attachment, with the cleaned name;
 *  - same-origin only (CORP) and never cached outside the browser session (no-store is set
 *    by apiRoute).
 */
import { create as createContentDisposition } from "content-disposition";
import type { AttachmentContent } from "../domain/attachments/read-attachment-content";

export const attachmentCsp = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * RFC 6266 with RFC 8187's `filename*`, written by the `content-disposition` package: an
 * encodeURIComponent by hand left `' ( ) *` unescaped, which RFC 8187 does not allow and
 * strict readers refuse. `filename=` is our printable-ASCII fallback for old readers (no
 * quotes, backslashes or `%`, which some browsers percent-decode); whenever it differs from
 * the name, the package adds `filename*` with the exact UTF-8 name.
 */
export function contentDisposition(kind: "inline" | "attachment", fileName: string): string {
  const name = fileName || "attachment";
  const fallback = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\;%]/g, "_");
  return createContentDisposition(name, { type: kind, fallback });
}

export function attachmentResponse(content: AttachmentContent, options: { download: boolean }): Response {
  const inline = !options.download && content.contentType.startsWith("image/");
  return new Response(new Uint8Array(content.bytes), {
    status: 200,
    headers: {
      "content-type": content.contentType,
      "content-length": String(content.bytes.byteLength),
      "content-disposition": contentDisposition(inline ? "inline" : "attachment", content.fileName),
      "x-content-type-options": "nosniff",
      "content-security-policy": attachmentCsp,
      "cross-origin-resource-policy": "same-origin",
    },
  });
}
