import { crc32 } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { findMetadata, ImageDecodeError, MAX_INPUT_PIXELS, sanitizeImage, stripsMetadata, THUMBNAIL_SIZE } from "./sanitize-image";
import { exifHasGpsPosition, hasExifOrGps, heicPhoto, jpegWithEicarAppended, jpegWithGpsExif, pngImage, polyglotJpegHtml, testCameraMake, webpImage } from "./test-files";

/** The sRGB colour of the pixel at (x, y). */
async function pixel(bytes: Buffer, x: number, y: number): Promise<{ r: number; g: number; b: number }> {
  const { data } = await sharp(bytes).extract({ left: x, top: y, width: 1, height: 1 }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { r: data[0]!, g: data[1]!, b: data[2]! };
}
const isRed = (p: { r: number; b: number }) => p.r > 150 && p.b < 100;
const isBlue = (p: { r: number; b: number }) => p.b > 150 && p.r < 100;

describe("sanitizeImage", () => {
  it("removes EXIF with the GPS position and camera make", async () => {
    const photo = await jpegWithGpsExif();
    const exif = (await sharp(photo).metadata()).exif!;
    expect(exifHasGpsPosition(exif)).toBe(true);
    expect(exif.includes(testCameraMake)).toBe(true);
    expect(await hasExifOrGps(photo)).toBe(true);

    const clean = await sanitizeImage(photo, "image/jpeg");
    expect(await hasExifOrGps(clean.bytes)).toBe(false);
    expect(await hasExifOrGps(clean.thumbnail)).toBe(false);
    expect(clean.bytes.includes(testCameraMake)).toBe(false);
    expect(await findMetadata(clean.bytes)).toEqual([]);
    expect(await stripsMetadata(clean.thumbnail)).toBe(true);
  });

  it("keeps the format and the dimensions", async () => {
    const clean = await sanitizeImage(await jpegWithGpsExif(), "image/jpeg");
    expect(clean).toMatchObject({ contentType: "image/jpeg", width: 640, height: 480, thumbnailContentType: "image/webp" });
    const metadata = await sharp(clean.bytes).metadata();
    expect([metadata.format, metadata.width, metadata.height]).toEqual(["jpeg", 640, 480]);
  });

  it("turns a sideways-stored photo upright (EXIF orientation 6) and drops the tag", async () => {
    const sideways = await jpegWithGpsExif({ orientation: 6 });
    expect((await sharp(sideways).metadata()).orientation).toBe(6);
    // Stored 640×480, red left half; displayed rotated 90° clockwise: 480×640, red on top.
    const clean = await sanitizeImage(sideways, "image/jpeg");
    expect([clean.width, clean.height]).toEqual([480, 640]);
    const metadata = await sharp(clean.bytes).metadata();
    expect([metadata.width, metadata.height, metadata.orientation]).toEqual([480, 640, undefined]);
    expect(isRed(await pixel(clean.bytes, 240, 60))).toBe(true);
    expect(isBlue(await pixel(clean.bytes, 240, 580))).toBe(true);
    const thumbnail = await sharp(clean.thumbnail).metadata();
    expect(thumbnail.height).toBeGreaterThan(thumbnail.width); // portrait too
  });

  it("makes a WebP thumbnail that fits in 480×480 without metadata", async () => {
    const clean = await sanitizeImage(await jpegWithGpsExif(), "image/jpeg");
    const metadata = await sharp(clean.thumbnail).metadata();
    expect(metadata.format).toBe("webp");
    expect([metadata.width, metadata.height]).toEqual([THUMBNAIL_SIZE, 360]);
  });

  it("never enlarges a small image for its thumbnail", async () => {
    const clean = await sanitizeImage(await pngImage(200, 100), "image/png");
    const metadata = await sharp(clean.thumbnail).metadata();
    expect([metadata.width, metadata.height]).toEqual([200, 100]);
  });

  it("re-encodes PNG and WebP in their own format", async () => {
    const png = await sanitizeImage(await pngImage(), "image/png");
    expect(png).toMatchObject({ contentType: "image/png", width: 320, height: 240 });
    expect((await sharp(png.bytes).metadata()).format).toBe("png");
    const webp = await sanitizeImage(await webpImage(), "image/webp");
    expect(webp).toMatchObject({ contentType: "image/webp", width: 320, height: 240 });
    expect((await sharp(webp.bytes).metadata()).format).toBe("webp");
  });

  it("removes EXIF, XMP and PNG text from a PNG", async () => {
    const tagged = await sharp(await pngImage())
      .withExif({ IFD0: { Make: testCameraMake } })
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>')
      .png()
      .toBuffer();
    expect(await findMetadata(tagged)).toEqual(expect.arrayContaining(["exif", "xmp"]));
    expect(await findMetadata((await sanitizeImage(tagged, "image/png")).bytes)).toEqual([]);
  });

  it("converts an embedded colour profile to sRGB and does not keep it", async () => {
    const p3 = await sharp(await jpegWithGpsExif()).withIccProfile("p3").jpeg().toBuffer();
    expect(await findMetadata(p3)).toContain("icc");
    expect(await findMetadata((await sanitizeImage(p3, "image/jpeg")).bytes)).toEqual([]);
  });

  it("drops whatever follows or hides around the pixels (EICAR trailer, HTML comment)", async () => {
    const withTrailer = await sanitizeImage(await jpegWithEicarAppended(), "image/jpeg");
    expect(withTrailer.bytes.includes("EICAR")).toBe(false);
    const polyglot = await sanitizeImage(await polyglotJpegHtml(), "image/jpeg");
    expect(polyglot.bytes.includes("<script")).toBe(false);
  });

  it("keeps only the first frame of an animation", async () => {
    const frames = Buffer.concat([Buffer.alloc(64 * 48 * 3, 200), Buffer.alloc(64 * 48 * 3, 20), Buffer.alloc(64 * 48 * 3, 120)]);
    const animated = await sharp(frames, { raw: { width: 64, height: 48 * 3, channels: 3, pageHeight: 48 } }).webp({ loop: 0 }).toBuffer();
    expect((await sharp(animated).metadata()).pages).toBe(3);
    const clean = await sanitizeImage(animated, "image/webp");
    expect([clean.width, clean.height]).toEqual([64, 48]);
    expect((await sharp(clean.bytes).metadata()).pages).toBeUndefined();
    expect((await pixel(clean.bytes, 10, 10)).r).toBeGreaterThan(150); // frame 1 is the light one
  });

  it("throws ImageDecodeError for bytes that are not an image", async () => {
    const error = await sanitizeImage(Buffer.from("not an image at all"), "image/jpeg").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageDecodeError);
    expect(error).toMatchObject({ name: "ImageDecodeError", reason: "unreadable" });
  });

  it("throws ImageDecodeError for a truncated image", async () => {
    const png = await pngImage();
    await expect(sanitizeImage(png.subarray(0, 200), "image/png")).rejects.toBeInstanceOf(ImageDecodeError);
    const jpeg = await jpegWithGpsExif();
    await expect(sanitizeImage(jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), "image/jpeg")).rejects.toBeInstanceOf(ImageDecodeError);
  });

  it("accepts a JPEG with a harmless quirk some cameras write (extra bytes before a marker)", async () => {
    const jpeg = await jpegWithGpsExif();
    const startOfScan = jpeg.indexOf(Buffer.from([0xff, 0xda]));
    const quirky = Buffer.concat([jpeg.subarray(0, startOfScan), Buffer.from([0, 0, 0]), jpeg.subarray(startOfScan)]);
    await expect(sharp(quirky, { failOn: "warning" }).toBuffer()).rejects.toThrow(/extraneous bytes/);
    expect(await sanitizeImage(quirky, "image/jpeg")).toMatchObject({ width: 640, height: 480 });
  });

  it("throws ImageDecodeError when the bytes are another format than the caller says", async () => {
    await expect(sanitizeImage(await pngImage(), "image/jpeg")).rejects.toMatchObject({ reason: "wrong_format" });
    await expect(sanitizeImage(heicPhoto(), "image/jpeg")).rejects.toBeInstanceOf(ImageDecodeError);
  });

  it(`refuses to decode more than ${MAX_INPUT_PIXELS / 1e6} megapixels (the header is believed, nothing is allocated)`, async () => {
    const huge = withPngSize(await pngImage(), 10_000, 10_000);
    expect((await sharp(huge).metadata()).width).toBe(10_000);
    await expect(sanitizeImage(huge, "image/png")).rejects.toMatchObject({ name: "ImageDecodeError", reason: "too_many_pixels" });
  });
});

/** The PNG with its IHDR claiming another size (and a correct chunk CRC): a decompression bomb's header. */
function withPngSize(png: Buffer, width: number, height: number): Buffer {
  const copy = Buffer.from(png);
  // Signature (8) + IHDR length (4) + "IHDR" (4), then width and height.
  copy.writeUInt32BE(width, 16);
  copy.writeUInt32BE(height, 20);
  copy.writeUInt32BE(crc32(copy.subarray(12, 29)), 29);
  return copy;
}

