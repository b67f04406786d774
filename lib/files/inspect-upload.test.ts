import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { inspectUpload, type InspectResult } from "./inspect-upload";
import {
  elfBinary,
  eicarString,
  exeRenamedJpg,
  gifImage,
  heicPhoto,
  htmlFile,
  jpegWithEicarAppended,
  jpegWithGpsExif,
  minimalPdf,
  pdfWithEicarEmbedded,
  pdfWithJavaScript,
  pngImage,
  polyglotJpegHtml,
  svgFile,
  tiffImage,
  webpImage,
  zipFile,
} from "./test-files";
import { uploadRejectionMessages, type UploadRejectionCode } from "./upload-rejections";

const inspect = (bytes: Uint8Array, fileName: string, declaredType: string | null = null) => inspectUpload({ bytes, fileName, declaredType });

const refused = (code: UploadRejectionCode): InspectResult => ({ ok: false, code, message: uploadRejectionMessages[code] });

describe("inspectUpload accepts", () => {
  it.each([
    ["a JPEG", jpegWithGpsExif, "IMG_0001.JPG", "image/jpeg", "image/jpeg", "jpg"],
    ["a PNG", pngImage, "screenshot.png", "image/png", "image/png", "png"],
    ["a WebP", webpImage, "photo.webp", "image/webp", "image/webp", "webp"],
    ["a PDF", async () => minimalPdf(), "Lab results.pdf", "application/pdf", "application/pdf", "pdf"],
  ] as const)("%s", async (_label, make, fileName, declared, contentType, extension) => {
    expect(await inspect(await make(), fileName, declared)).toEqual({ ok: true, contentType, extension, fileName });
  });

  it("a Uint8Array that is not a Buffer", async () => {
    const bytes = new Uint8Array(await jpegWithGpsExif());
    expect(await inspect(bytes, "a.jpg")).toMatchObject({ ok: true, contentType: "image/jpeg" });
  });

  it("with the cleaned name", async () => {
    expect(await inspect(await pngImage(), "C:\\Users\\Ana\\Desktop\\  rash\u200B  photo.png")).toMatchObject({ ok: true, fileName: "rash photo.png" });
    expect(await inspect(minimalPdf(), "\u202E\u200B", "application/pdf")).toMatchObject({ ok: true, fileName: "attachment.pdf" });
  });
});

describe("inspectUpload refuses", () => {
  it("an empty file", async () => {
    expect(await inspect(new Uint8Array(0), "a.jpg", "image/jpeg")).toEqual({ ok: false, code: "empty", message: "The file is empty." });
  });

  it.each([
    ["an HTML page", htmlFile, "page.html", "text/html"],
    ["an SVG image", svgFile, "logo.svg", "image/svg+xml"],
    ["plain text", () => Buffer.from("Dear care team, see attached."), "note.txt", "text/plain"],
    ["a shell script", () => Buffer.from("#!/bin/sh\nrm -rf /\n"), "run.sh", null],
    ["a zip archive", zipFile, "records.zip", "application/zip"],
    ["a Windows executable", exeRenamedJpg, "setup.exe", null],
    ["an ELF executable", elfBinary, "tool", null],
    ["a Mach-O executable", () => Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 0x07, 0x00, 0x00, 0x01, ...new Array(24).fill(0)]), "app", null],
    ["a GIF", gifImage, "funny.gif", "image/gif"],
    ["a TIFF", tiffImage, "scan.tiff", "image/tiff"],
    ["the bare EICAR string (no accepted type)", () => Buffer.from(eicarString(), "latin1"), "eicar.com", null],
  ])("%s as type_not_allowed", async (_label, make, fileName, declared) => {
    expect(await inspect(await make(), fileName, declared)).toEqual(refused("type_not_allowed"));
  });

  it("an executable renamed .jpg — as not allowed, before any mismatch", async () => {
    expect(await inspect(exeRenamedJpg(), "invoice.jpg", "image/jpeg")).toEqual(refused("type_not_allowed"));
    expect(uploadRejectionMessages.type_not_allowed).toBe("This file type is not allowed. Send a photo (JPEG, PNG, WebP) or a PDF.");
  });

  it("an iPhone HEIC photo, telling the member how to send a JPEG", async () => {
    const result = await inspect(heicPhoto(), "IMG_4031.HEIC", "image/heic");
    expect(result).toEqual(refused("heic_not_supported"));
    expect(!result.ok && result.message).toMatch(/JPEG.*Most Compatible/);
  });

  it("HEIC because sharp really cannot decode it (if this starts failing, HEIC support can be reconsidered)", async () => {
    expect(sharp.format.heif.input.fileSuffix).not.toContain(".heic");
    await expect(sharp(heicPhoto()).jpeg().toBuffer()).rejects.toThrow(/HEVC|compression format/i);
  });
});

describe("inspectUpload compares the declared type with the bytes", () => {
  it.each([null, "", "application/octet-stream"])("accepts %j as not declared", async (declared) => {
    expect(await inspect(await jpegWithGpsExif(), "photo.jpg", declared)).toMatchObject({ ok: true, contentType: "image/jpeg" });
  });

  it.each(["image/jpg", "image/pjpeg", "IMAGE/JPEG", "image/jpeg; charset=binary"])("accepts %j for a JPEG", async (declared) => {
    expect(await inspect(await jpegWithGpsExif(), "photo.jpg", declared)).toMatchObject({ ok: true, contentType: "image/jpeg" });
  });

  it.each([
    ["a JPEG declared as a PDF", jpegWithGpsExif, "application/pdf"],
    ["a JPEG declared as a PNG", jpegWithGpsExif, "image/png"],
    ["a PDF declared as a JPEG", async () => minimalPdf(), "image/jpeg"],
    ["a PNG declared as HTML", pngImage, "text/html"],
  ])("refuses %s", async (_label, make, declared) => {
    const result = await inspect(await make(), "file", declared);
    expect(result).toEqual(refused("type_mismatch"));
    expect(!result.ok && result.message).toBe("The file's type does not match its contents.");
  });
});

describe("inspectUpload compares the file name's extension with the bytes", () => {
  it.each(["photo.jpg", "photo.JPEG", "photo.jfif", "photo.jpe", "photo"])("accepts %j for a JPEG", async (fileName) => {
    expect(await inspect(await jpegWithGpsExif(), fileName)).toMatchObject({ ok: true, contentType: "image/jpeg", extension: "jpg" });
  });

  it.each([
    ["a JPEG named .pdf", jpegWithGpsExif, "photo.pdf"],
    ["a JPEG named .png", jpegWithGpsExif, "photo.png"],
    ["a PNG named .jpg", pngImage, "screenshot.jpg"],
    ["a PDF named .html", async () => minimalPdf(), "results.html"],
    ["a JPEG behind a right-to-left override ('photoexe.jpg' on screen)", jpegWithGpsExif, "photo\u202Egpj.exe"],
  ])("refuses %s", async (_label, make, fileName) => {
    expect(await inspect(await make(), fileName)).toEqual(refused("type_mismatch"));
  });
});

describe("inspectUpload refuses active content", () => {
  it("a JPEG that is also a web page (markup in a comment segment)", async () => {
    const polyglot = await polyglotJpegHtml();
    expect((await sharp(polyglot).metadata()).format).toBe("jpeg");
    const result = await inspect(polyglot, "selfie.jpg", "image/jpeg");
    expect(result).toEqual(refused("active_content"));
    expect(!result.ok && result.message).toBe("This file contains content that is not allowed (for example web page code or scripts).");
  });

  it("markup appended to a PNG or inside a PDF", async () => {
    expect(await inspect(Buffer.concat([await pngImage(), Buffer.from("<script>alert(1)</script>")]), "a.png")).toEqual(refused("active_content"));
    expect(await inspect(minimalPdf("<iframe src=https://example.com>"), "a.pdf")).toEqual(refused("active_content"));
  });

  it.each([
    ["plain", pdfWithJavaScript()],
    ["in a compressed object stream", pdfWithJavaScript({ packing: "object-stream" })],
    ["with an escaped name", pdfWithJavaScript({ packing: "escaped-name" })],
    ["launching a program", pdfWithJavaScript({ action: "launch" })],
  ])("a PDF with an action that runs code (%s; more in inspect-pdf-upload.test.ts)", async (_label, pdf) => {
    expect(await inspect(pdf, "form.pdf", "application/pdf")).toEqual(refused("pdf_active_content"));
  });
});

describe("inspectUpload leaves content to the virus scanner", () => {
  it("passes EICAR appended to a valid JPEG", async () => {
    expect(await inspect(await jpegWithEicarAppended(), "holiday.jpg", "image/jpeg")).toMatchObject({ ok: true, contentType: "image/jpeg" });
  });

  it("passes EICAR embedded as a plain stream in a PDF", async () => {
    const pdf = pdfWithEicarEmbedded();
    expect(pdf.includes(eicarString())).toBe(true);
    expect(await inspect(pdf, "scan.pdf", "application/pdf")).toMatchObject({ ok: true, contentType: "application/pdf" });
  });

  it("passes arbitrary binary after an image", async () => {
    const trailer = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131) & 0xff));
    expect(await inspect(Buffer.concat([await pngImage(), trailer]), "a.png")).toMatchObject({ ok: true });
  });
});

describe("inspectUpload checks the file name last", () => {
  it("refuses a `..` path segment", async () => {
    const result = await inspect(await jpegWithGpsExif(), "../../etc/passwd.jpg", "image/jpeg");
    expect(result).toEqual({ ok: false, code: "bad_file_name", message: "File names cannot contain folder paths." });
  });

  it("reports a type problem first when there are both", async () => {
    expect(await inspect(htmlFile(), "../page.html", "text/html")).toEqual(refused("type_not_allowed"));
  });
});
