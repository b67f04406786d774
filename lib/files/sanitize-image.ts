/**
 * Re-encodes an uploaded photo so that what we store and serve is pixels only: nothing the
 * camera or an attacker put around them survives. Runs after the virus scan, before storage.
 *
 * - Metadata: none is written. sharp writes no EXIF (camera, time, GPS position), XMP, IPTC
 *   or PNG text unless asked (we never call keepMetadata/withMetadata/keepExif), and converts
 *   to sRGB without embedding the ICC profile. Checked again on the output (findMetadata)
 *   before returning, so a change in sharp's defaults fails loudly instead of leaking.
 * - Orientation: phones store pixels sideways with an EXIF Orientation tag; autoOrient turns
 *   the pixels upright, since the tag that explained them is about to be dropped.
 * - Anything else in the file (trailing bytes, comments, a second image, appended archives)
 *   is not copied: only decoded pixels are.
 * - Limits: at most MAX_INPUT_PIXELS (a 48-megapixel phone photo is 8064×6048 ≈ 48.8 MP;
 *   a decompression bomb declares far more) and the first frame of an animated WebP/PNG.
 *
 * Time: a 5.2 MB, 12-megapixel (3986×2990) noisy test JPEG (test-files.ts largePhotoJpeg)
 * takes about 210 ms here for photo + thumbnail (median of 5 after a warm-up; 2-core
 * machine, sharp.concurrency() = 1, the two encodes run side by side; JPEG quality 88
 * without mozjpeg). With mozjpeg the same photo
 * encodes about 27% smaller but takes about 2.5 s instead of 0.18 s — a 12× slower scan job
 * for every photo, to save storage on short-lived message attachments. Not worth it.
 */
import sharp from "sharp";

// libvips keeps recently decoded images in a process-wide cache; members' photos must not
// linger in memory after their request, and re-reads of the same photo are rare anyway.
sharp.cache(false);
import type { ImageContentType } from "./allowed-types";

type Sharp = ReturnType<typeof sharp>;

/** Above the largest phone photos (48 MP), well below what it takes to exhaust memory. */
export const MAX_INPUT_PIXELS = 50_000_000;
/** The thumbnail fits inside this square. */
export const THUMBNAIL_SIZE = 480;

/**
 * Quality 88: indistinguishable from the original for photos of documents, wounds or
 * prescriptions (what members send), about a third of the size of quality 100.
 */
const JPEG_QUALITY = 88;
const WEBP_QUALITY = 88;
const THUMBNAIL_QUALITY = 75;

export type SanitizedImage<T extends ImageContentType = ImageContentType> = {
  bytes: Buffer;
  contentType: T;
  /** After orientation: the size as displayed. */
  width: number;
  height: number;
  thumbnail: Buffer;
  thumbnailContentType: "image/webp";
};

export type ImageDecodeReason = "unreadable" | "too_many_pixels" | "wrong_format" | "metadata_left";

/**
 * The image could not be turned into clean pixels. The caller rejects the attachment
 * ("The image could not be read."); the message carries sharp's reason, never the file.
 */
export class ImageDecodeError extends Error {
  override readonly name = "ImageDecodeError";
  readonly reason: ImageDecodeReason;

  constructor(message: string, options: { reason?: ImageDecodeReason; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.reason = options.reason ?? "unreadable";
  }
}

/** sharp's format names for our types: what the decoder must report for the bytes. */
const sharpFormat = { "image/jpeg": "jpeg", "image/png": "png", "image/webp": "webp" } as const satisfies Record<ImageContentType, string>;

export async function sanitizeImage<T extends ImageContentType>(bytes: Uint8Array, contentType: T): Promise<SanitizedImage<T>> {
  const input = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const source = sharp(input, {
    limitInputPixels: MAX_INPUT_PIXELS,
    // First frame only: an animation would need re-encoding frame by frame, and members send photos.
    pages: 1,
    // "error", not sharp's default "warning": phone cameras (some Samsung models among them)
    // write JPEGs with harmless quirks such as extra bytes before a marker; libjpeg warns and
    // decodes them fine. Real decoding errors still fail.
    failOn: "error",
    autoOrient: true,
  });

  try {
    // The bytes were typed by file-type already; this is the decoder's own opinion, so a row
    // that says PNG over JPEG bytes cannot turn into a PNG served from JPEG input.
    const { format } = await source.metadata();
    if (format !== sharpFormat[contentType]) throw new ImageDecodeError(`decoder found ${format}, expected ${sharpFormat[contentType]}`, { reason: "wrong_format" });

    const [main, thumbnail] = await Promise.all([
      encode(source.clone(), contentType).toBuffer({ resolveWithObject: true }),
      source
        .clone()
        .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: "inside", withoutEnlargement: true })
        .webp({ quality: THUMBNAIL_QUALITY })
        .toBuffer(),
    ]);

    const leftovers = [...(await findMetadata(main.data)), ...(await findMetadata(thumbnail))];
    if (leftovers.length > 0) throw new ImageDecodeError(`metadata survived re-encoding: ${leftovers.join(", ")}`, { reason: "metadata_left" });

    return { bytes: main.data, contentType, width: main.info.width, height: main.info.height, thumbnail, thumbnailContentType: "image/webp" };
  } catch (error) {
    if (error instanceof ImageDecodeError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new ImageDecodeError(`sharp could not decode the image: ${message}`, {
      reason: /pixel limit/i.test(message) ? "too_many_pixels" : "unreadable",
      cause: error,
    });
  }
}

function encode(image: Sharp, contentType: ImageContentType): Sharp {
  switch (contentType) {
    case "image/jpeg":
      // Plain libjpeg-turbo, not mozjpeg: see the timing note at the top.
      return image.jpeg({ quality: JPEG_QUALITY, mozjpeg: false });
    case "image/png":
      // Lossless, as PNGs are (screenshots, scans); level 6 is zlib's size/speed balance.
      return image.png({ compressionLevel: 6 });
    case "image/webp":
      return image.webp({ quality: WEBP_QUALITY });
  }
}

export type MetadataKind = "exif" | "xmp" | "iptc" | "icc" | "png-text" | "photoshop" | "gain-map";

/**
 * Which kinds of metadata an encoded image still carries, by sharp's reading of it. An empty
 * list for everything sanitizeImage returns. (An ICC profile is harmless but counted, as we
 * never write one: its presence would mean the defaults changed.)
 */
export async function findMetadata(bytes: Uint8Array): Promise<MetadataKind[]> {
  const metadata = await sharp(bytes).metadata();
  const found: MetadataKind[] = [];
  if (metadata.exif?.length) found.push("exif");
  if (metadata.xmp?.length) found.push("xmp");
  if (metadata.iptc?.length) found.push("iptc");
  if (metadata.icc?.length) found.push("icc");
  if (metadata.comments?.length) found.push("png-text");
  if (metadata.tifftagPhotoshop?.length) found.push("photoshop");
  if (metadata.gainMap) found.push("gain-map");
  return found;
}

/** True when an encoded image carries no EXIF, XMP, IPTC, ICC or PNG text (see findMetadata). */
export async function stripsMetadata(bytes: Uint8Array): Promise<boolean> {
  return (await findMetadata(bytes)).length === 0;
}
