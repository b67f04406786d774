/**
 * The PDF half of the upload check, end to end through inspectUpload with the real qpdf
 * (Debian's package; scripts/test.sh installs it). Every fixture is generated here from
 * test-files.ts, written plainly and packed into a compressed object stream.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CheckPdfOptions } from "./check-pdf";
import { inspectUpload } from "./inspect-upload";
import { acceptedPdfFeatures, forbiddenPdfFeatures, jpegWithGpsExif, minimalPdf, pdfWithEicarEmbedded, pdfWithJavaScript, testPdf, type ObjectStreamDisguise } from "./test-files";
import { uploadRejectionMessages } from "./upload-rejections";

const inspect = (bytes: Uint8Array, pdf?: CheckPdfOptions) => inspectUpload({ bytes, fileName: "letter.pdf", declaredType: "application/pdf" }, pdf ? { pdf } : {});
const packings = ["plain", "object-stream"] as const;

const work = mkdtempSync(join(tmpdir(), "pdf-upload-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What qpdf itself makes of `pdf` with `args` (encrypting, say): the output file's bytes. */
function qpdfRewrite(pdf: Buffer, args: string[]): Buffer {
  const input = join(work, "in.pdf");
  const output = join(work, "out.pdf");
  writeFileSync(input, pdf);
  execFileSync("qpdf", [...args, input, output]);
  return readFileSync(output);
}

describe("PDF upload check: the bypasses of issue 9 (JavaScript /OpenAction in a compressed object stream)", () => {
  it.each(["space-before-eol", "comment-before-index", "escaped-predictor"] satisfies ObjectStreamDisguise[])("refuses the %s variant", async (disguise) => {
    const pdf = pdfWithJavaScript({ packing: "object-stream", disguise });
    expect(pdf.includes("JavaScript")).toBe(false); // nothing to see in the raw bytes
    const result = await inspect(pdf);
    expect(result.ok).toBe(false);
    // The space before the end of line makes qpdf warn (damaged): refused before looking inside.
    expect(result).toMatchObject({ code: disguise === "space-before-eol" ? "pdf_not_checkable" : "pdf_active_content" });
  });

  it.each(["plain", "object-stream", "escaped-name"] as const)("refuses the undisguised one (%s)", async (packing) => {
    expect(await inspect(pdfWithJavaScript({ packing }))).toMatchObject({ ok: false, code: "pdf_active_content" });
    expect(await inspect(pdfWithJavaScript({ packing, action: "launch" }))).toMatchObject({ ok: false, code: "pdf_active_content" });
  });
});

describe("PDF upload check refuses", () => {
  const cases = Object.entries(forbiddenPdfFeatures).flatMap(([label, options]) => packings.map((packing) => [label, packing, options] as const));

  it.each(cases)("%s (%s)", async (_label, packing, options) => {
    const result = await inspect(testPdf({ ...options, packing }));
    expect(result).toEqual({ ok: false, code: "pdf_active_content", message: uploadRejectionMessages.pdf_active_content });
  });

  it("says so in plain words", () => {
    expect(uploadRejectionMessages.pdf_active_content).toMatch(/^This PDF contains .*scripts.*print it to a new PDF/);
  });

  it("an encrypted PDF, with or without a password to open it", async () => {
    for (const userPassword of ["", "open-sesame"]) {
      const encrypted = qpdfRewrite(minimalPdf(), ["--encrypt", userPassword, "owner-secret", "256", "--"]);
      expect(await inspect(encrypted)).toEqual({ ok: false, code: "pdf_encrypted", message: uploadRejectionMessages.pdf_encrypted });
    }
    expect(uploadRejectionMessages.pdf_encrypted).toMatch(/password/);
  });

  it("a damaged PDF that qpdf must repair to read (warnings), and one it cannot read at all", async () => {
    const pdf = minimalPdf();
    const broken = Buffer.from(pdf.toString("latin1").replace(/startxref\n\d+/, "startxref\n9999"), "latin1");
    expect(await inspect(broken)).toMatchObject({ ok: false, code: "pdf_not_checkable" });
    const garbage = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(2000, 0x41)]);
    expect(await inspect(garbage)).toMatchObject({ ok: false, code: "pdf_not_checkable" });
  });
});

describe("PDF upload check accepts", () => {
  const cases = Object.entries(acceptedPdfFeatures).flatMap(([label, options]) => packings.map((packing) => [label, packing, options] as const));

  it.each(cases)("%s (%s)", async (_label, packing, options) => {
    expect(await inspect(testPdf({ ...options, packing }))).toEqual({ ok: true, contentType: "application/pdf", extension: "pdf", fileName: "letter.pdf" });
  });

  it("a one-page text PDF, and one qpdf rewrote with object streams (as modern writers do)", async () => {
    expect(await inspect(minimalPdf())).toMatchObject({ ok: true });
    expect(await inspect(qpdfRewrite(testPdf(acceptedPdfFeatures["an https link"]), ["--object-streams=generate"]))).toMatchObject({ ok: true });
  });

  it("a PDF carrying the EICAR string (the virus scanner's job, not this check's)", async () => {
    expect(await inspect(pdfWithEicarEmbedded())).toMatchObject({ ok: true });
  });
});

describe("PDF upload check fails closed", () => {
  it("refuses every PDF when qpdf is not installed, saying what the operator must do; photos still pass", async () => {
    for (const program of [null, "/nonexistent/bin/qpdf"]) {
      expect(await inspect(minimalPdf(), { program })).toEqual({ ok: false, code: "pdf_checker_missing", message: uploadRejectionMessages.pdf_checker_missing });
    }
    expect(uploadRejectionMessages.pdf_checker_missing).toMatch(/qpdf.*not installed.*Photos can still be sent/);
    const photo = await jpegWithGpsExif();
    expect(await inspectUpload({ bytes: photo, fileName: "rash.jpg", declaredType: "image/jpeg" }, { pdf: { program: null } })).toMatchObject({ ok: true });
  });

  it("refuses a PDF whose reading takes too long, prints too much or needs too much memory (a file crafted of countless objects)", async () => {
    // The limits shrunk so that an ordinary file crosses them; the defaults are in read-pdf-objects.ts.
    expect(await inspect(minimalPdf(), { timeoutMs: 1 })).toMatchObject({ ok: false, code: "pdf_not_checkable" });
    expect(await inspect(minimalPdf(), { maxOutputBytes: 256 })).toMatchObject({ ok: false, code: "pdf_not_checkable" });
    expect(await inspect(minimalPdf(), { maxMemoryKib: 4 * 1024 })).toMatchObject({ ok: false, code: "pdf_not_checkable" });
    expect(await inspect(minimalPdf(), {})).toMatchObject({ ok: true });
  });

  it("leaves no copy of the file in the temporary directory, whatever the outcome", async () => {
    const privateTmp = mkdtempSync(join(work, "tmp-"));
    const before = process.env.TMPDIR;
    process.env.TMPDIR = privateTmp;
    try {
      await inspect(minimalPdf());
      await inspect(pdfWithJavaScript());
      await inspect(minimalPdf(), { timeoutMs: 1 });
      expect(readdirSync(privateTmp)).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
  });
});
