/**
 * Which kinds of file a member may attach, and the names each kind goes by (content types,
 * aliases, file-name extensions). Policy only: no I/O, so client code may import it too.
 *
 * The list is short on purpose: photos a phone or scanner produces, and PDFs. Each one is
 * re-checked from its bytes (inspect-upload.ts); images are also re-encoded before anyone
 * sees them (sanitize-image.ts).
 */

export const allowedContentTypes = ["image/jpeg", "image/png", "image/webp", "application/pdf"] as const;
export type AllowedContentType = (typeof allowedContentTypes)[number];

export type ImageContentType = Exclude<AllowedContentType, "application/pdf">;

/** File-name extensions that may go with each type, lower case, without the dot. */
export const extensionsByType: Readonly<Record<AllowedContentType, readonly string[]>> = {
  // jfif/jpe: older Windows and scanner software still write them for the same JPEG bytes.
  "image/jpeg": ["jpg", "jpeg", "jfif", "jpe"],
  "image/png": ["png"],
  "image/webp": ["webp"],
  "application/pdf": ["pdf"],
};

/** The extension we would give a file of this type (the fallback display name uses it). */
export const preferredExtension = (type: AllowedContentType): string => extensionsByType[type][0]!;

/**
 * Declared types that name an allowed type by another name. Old Internet Explorer sent
 * image/pjpeg for progressive JPEGs; image/jpg is a common mistake in clients and tools.
 */
const contentTypeAliases: Readonly<Record<string, AllowedContentType>> = {
  "image/jpg": "image/jpeg",
  "image/pjpeg": "image/jpeg",
};

/**
 * What file-type (21.x) reports for HEIF containers: iPhone photos (HEVC-coded) are
 * image/heic; image/heif is the generic brand (mif1) that iPhones also write. AVIF, the
 * AV1-coded sibling, is reported as image/avif and is simply not allowed.
 */
export const heicContentTypes: ReadonlySet<string> = new Set(["image/heic", "image/heic-sequence", "image/heif", "image/heif-sequence"]);

export const isAllowedContentType = (type: string): type is AllowedContentType => (allowedContentTypes as readonly string[]).includes(type);

export const isImageContentType = (type: AllowedContentType): type is ImageContentType => type !== "application/pdf";

/**
 * The declared Content-Type of a multipart part, reduced to what we compare: lower case,
 * parameters (`; charset=…`) dropped, aliases resolved. null when nothing useful was declared:
 * browsers send application/octet-stream (or nothing) when they do not know the type, which
 * says nothing about the file and must not count against it.
 */
export function normaliseDeclaredType(declared: string | null): string | null {
  if (declared === null) return null;
  const bare = declared.split(";", 1)[0]!.trim().toLowerCase();
  if (bare === "" || bare === "application/octet-stream") return null;
  return contentTypeAliases[bare] ?? bare;
}
