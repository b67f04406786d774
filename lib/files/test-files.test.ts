import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import {
  eicarString,
  elfBinary,
  exeRenamedJpg,
  exifHasGpsPosition,
  gifImage,
  hasExifOrGps,
  heicPhoto,
  htmlFile,
  jpegWithEicarAppended,
  jpegWithGpsExif,
  largePhotoJpeg,
  minimalPdf,
  pdfWithEicarEmbedded,
  pdfWithJavaScript,
  pngImage,
  polyglotJpegHtml,
  svgFile,
  testCameraMake,
  tiffImage,
  webpImage,
  zipFile,
} from "./test-files";

const mime = async (bytes: Uint8Array) => (await fileTypeFromBuffer(bytes))?.mime;

describe("test-files generators", () => {
  it("jpegWithGpsExif: a real JPEG with camera make and a GPS position in its EXIF", async () => {
    const photo = await jpegWithGpsExif();
    const metadata = await sharp(photo).metadata();
    expect([metadata.format, metadata.width, metadata.height]).toEqual(["jpeg", 640, 480]);
    expect(metadata.exif).toBeDefined();
    expect(exifHasGpsPosition(metadata.exif!)).toBe(true);
    expect(metadata.exif!.includes(testCameraMake)).toBe(true);
    expect(await hasExifOrGps(photo)).toBe(true);
    expect(await mime(photo)).toBe("image/jpeg");
  });

  it("jpegWithGpsExif: can carry an orientation", async () => {
    expect((await sharp(await jpegWithGpsExif({ orientation: 6 })).metadata()).orientation).toBe(6);
  });

  it("is deterministic", async () => {
    expect((await jpegWithGpsExif()).equals(await jpegWithGpsExif())).toBe(true);
  });

  it("largePhotoJpeg: about the size asked for, camera-sized", async () => {
    const photo = await largePhotoJpeg(5 * 1024 * 1024);
    expect(photo.length).toBeGreaterThan(4.2 * 1024 * 1024);
    expect(photo.length).toBeLessThan(6 * 1024 * 1024);
    const { width, height } = await sharp(photo).metadata();
    expect(width * height).toBeGreaterThan(10_000_000);
    expect(await hasExifOrGps(photo)).toBe(false);
  });

  it.each([
    ["pngImage", pngImage, "image/png"],
    ["webpImage", webpImage, "image/webp"],
    ["gifImage", gifImage, "image/gif"],
    ["tiffImage", tiffImage, "image/tiff"],
    ["heicPhoto", heicPhoto, "image/heic"],
    ["minimalPdf", () => minimalPdf(), "application/pdf"],
    ["minimalPdf with a stream", () => minimalPdf("extra"), "application/pdf"],
    ["pdfWithEicarEmbedded", pdfWithEicarEmbedded, "application/pdf"],
    ["pdfWithJavaScript", () => pdfWithJavaScript(), "application/pdf"],
    ["pdfWithJavaScript in an object stream", () => pdfWithJavaScript({ packing: "object-stream" }), "application/pdf"],
    ["jpegWithEicarAppended", jpegWithEicarAppended, "image/jpeg"],
    ["polyglotJpegHtml", polyglotJpegHtml, "image/jpeg"],
    ["exeRenamedJpg", exeRenamedJpg, "application/x-msdownload"],
    ["elfBinary", elfBinary, "application/x-elf"],
    ["zipFile", zipFile, "application/zip"],
    ["htmlFile", htmlFile, undefined],
  ] as const)("%s is detected as %s", async (_name, make, expected) => {
    expect(await mime(await make())).toBe(expected);
  });

  it("svgFile is not an allowed type (file-type calls it XML, because of its prolog)", async () => {
    expect(await mime(svgFile())).toBe("application/xml");
  });

  it("the images decode", async () => {
    for (const make of [pngImage, webpImage, polyglotJpegHtml, jpegWithEicarAppended]) {
      const { width } = await sharp(await make()).metadata();
      expect(width).toBeGreaterThan(0);
    }
  });

  it("eicarString is the 68-character EICAR test string, and the files carry it", async () => {
    const eicar = eicarString();
    expect(eicar).toHaveLength(68);
    expect(eicar.startsWith("X5O!P%@AP")).toBe(true);
    expect(eicar.endsWith("$H+H*")).toBe(true);
    expect((await jpegWithEicarAppended()).includes(eicar)).toBe(true);
    expect(pdfWithEicarEmbedded().includes(eicar)).toBe(true);
  });

  it("the PDFs are well formed: the xref offsets point at their objects", () => {
    for (const pdf of [minimalPdf(), minimalPdf("x"), pdfWithJavaScript(), pdfWithJavaScript({ packing: "object-stream" })]) {
      const text = pdf.toString("latin1");
      const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
      expect(text.slice(startxref)).toMatch(/^(xref\n|\d+ 0 obj\n<< \/Length \d+ \/Type \/XRef)/);
      for (const [, offset] of text.matchAll(/^(\d{10}) 00000 n $/gm)) expect(text.slice(Number(offset))).toMatch(/^\d+ 0 obj\n/);
    }
  });

  it("polyglotJpegHtml carries its markup in a COM segment", async () => {
    const polyglot = await polyglotJpegHtml();
    expect(polyglot.subarray(0, 4).equals(Buffer.from([0xff, 0xd8, 0xff, 0xfe]))).toBe(true);
    expect(polyglot.includes("<html><script>alert(1)</script></html>")).toBe(true);
  });

  it("hasExifOrGps is false for images without metadata", async () => {
    expect(await hasExifOrGps(await pngImage())).toBe(false);
    expect(await hasExifOrGps(await webpImage())).toBe(false);
  });
});
