import { deflateRawSync, deflateSync, inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { findPdfActiveContent } from "./pdf-active-content";
import { containsPdfName } from "./pdf-names";
import { decodeObjectStreams, looksLikeObjectStream, MAX_FAILED_PROBES, MAX_INFLATED_BYTES } from "./pdf-object-streams";
import { minimalPdf, pdfWithEicarEmbedded, pdfWithJavaScript } from "./test-files";

const names = ["JavaScript", "JS", "Launch"];
const has = (syntax: string) => containsPdfName(Buffer.from(syntax, "latin1"), names);

/** A PDF-like file with `data` in a Flate stream; the tests need only the stream syntax. */
const withStream = (data: Buffer, dictionary = "/Filter /FlateDecode") => Buffer.concat([Buffer.from(`%PDF-1.5\n7 0 obj\n<< /Length ${data.length} ${dictionary} >>\nstream\r\n`), data, Buffer.from("\r\nendstream\nendobj\n%%EOF\n")]);

describe("containsPdfName", () => {
  it("finds the names as tokens", () => {
    expect(has("<< /S /JavaScript /JS (app.alert(1)) >>")).toBe(true);
    expect(has("<</JS(x)>>")).toBe(true);
    expect(has("<< /S /Launch /F (calc.exe) >>")).toBe(true);
    expect(has("/JS")).toBe(true); // at the end of the file
    expect(has("/JS\n")).toBe(true);
    expect(has("/JS[")).toBe(true);
    expect(has("/JS%comment")).toBe(true);
  });

  it("decodes #xx escapes as readers do", () => {
    expect(has("/J#61vaScript")).toBe(true);
    expect(has("/#4A#53 (x)")).toBe(true);
    expect(has("/#4a#61#76#61#53#63#72#69#70#74")).toBe(true);
    expect(has("/La#75nch")).toBe(true);
  });

  it("does not match longer names, other cases or plain text", () => {
    expect(has("/JSON /JSomething /JavaScripts /Launcher /LaunchX")).toBe(false);
    expect(has("/javascript /js /launch")).toBe(false);
    expect(has("JavaScript JS Launch")).toBe(false);
    expect(has("/J#6")).toBe(false);
  });
});

describe("findPdfActiveContent", () => {
  it("passes ordinary PDFs, with or without extra streams", () => {
    expect(findPdfActiveContent(minimalPdf())).toBe("none");
    expect(findPdfActiveContent(minimalPdf("BT /F1 12 Tf (Just text) Tj ET"))).toBe("none");
  });

  it("passes a PDF carrying the EICAR string (the virus scanner's job)", () => {
    expect(findPdfActiveContent(pdfWithEicarEmbedded())).toBe("none");
  });

  it("finds an /OpenAction running JavaScript, plain or with an escaped name", () => {
    expect(findPdfActiveContent(pdfWithJavaScript())).toBe("found");
    expect(findPdfActiveContent(pdfWithJavaScript({ packing: "escaped-name" }))).toBe("found");
  });

  it("finds a /Launch action", () => {
    expect(findPdfActiveContent(pdfWithJavaScript({ action: "launch" }))).toBe("found");
    expect(findPdfActiveContent(pdfWithJavaScript({ action: "launch", packing: "object-stream" }))).toBe("found");
  });

  it("finds JavaScript packed into a compressed object stream, invisible in the raw bytes", () => {
    const pdf = pdfWithJavaScript({ packing: "object-stream" });
    expect(pdf.includes("JavaScript")).toBe(false);
    expect(findPdfActiveContent(pdf)).toBe("found");
  });

  it("finds an object stream even without its /Type /ObjStm label", () => {
    const objects = "6 0 << /S /JavaScript /JS (x) >>";
    expect(findPdfActiveContent(withStream(deflateSync(objects)))).toBe("found");
  });

  it("finds an object stream hidden behind empty deflate blocks", () => {
    // 20,000 empty stored blocks (5 bytes each) decode to nothing, then the objects follow.
    const padding = Buffer.alloc(5 * 20_000);
    for (let i = 0; i < padding.length; i += 5) padding.set([0x00, 0x00, 0x00, 0xff, 0xff], i);
    const objects = Buffer.from("6 0 null << /S /JavaScript /JS (x) >>");
    const zlibData = Buffer.concat([Buffer.from([0x78, 0x01]), padding, deflateRawSync(objects), adler32(objects)]);
    expect(inflateSync(zlibData).equals(objects)).toBe(true);
    const pdf = withStream(zlibData);
    expect(pdf.includes("JavaScript")).toBe(false);
    expect(findPdfActiveContent(pdf)).toBe("found");
  });

  it("refuses to guess when an object stream inflates beyond the budget (a zip bomb)", () => {
    const bomb = deflateSync(Buffer.concat([Buffer.from("1 0 "), Buffer.alloc(MAX_INFLATED_BYTES + 1024, 0x20)]));
    expect(findPdfActiveContent(withStream(bomb))).toBe("too_complex");
  });

  it("gives up on a file crafted to be full of streams that only look compressed", () => {
    const fake = Buffer.from("stream\nx\x01\xff\xff\xff\nendstream\n".repeat(MAX_FAILED_PROBES + 1), "latin1");
    expect(findPdfActiveContent(fake)).toBe("too_complex");
    const fewer = Buffer.from("stream\nx\x01\xff\xff\xff\nendstream\n".repeat(10), "latin1");
    expect(findPdfActiveContent(fewer)).toBe("none");
  });

  it("skips content streams and images (they are not inflated whole)", () => {
    const content = deflateSync(Buffer.from("1 0 0 1 72 720 cm BT /F1 12 Tf (/JS is only text here) Tj ET"));
    const image = deflateSync(Buffer.alloc(100_000, 0xff));
    const result = decodeObjectStreams(Buffer.concat([withStream(content), withStream(image)]));
    expect(result).toEqual({ ok: true, decoded: [] });
  });
});

describe("looksLikeObjectStream", () => {
  const looks = (text: string) => looksLikeObjectStream(Buffer.from(text));
  it("recognises an object stream's index followed by an object", () => {
    expect(looks("12 0 13 57 << /Type /Page >>")).toBe(true);
    expect(looks("1 0 2 5 [1 2 3]")).toBe(true);
    expect(looks("1 0 (text)")).toBe(true);
    expect(looks("1 0 /Name")).toBe(true);
    expect(looks("1 0 null << >>")).toBe(true);
    expect(looks("1 0 2 4 true false")).toBe(true);
    expect(looks("1 0 2 9 3 18")).toBe(true); // index only, in what we decoded so far
  });

  it("rejects content streams and binary data", () => {
    expect(looks("1 0 0 1 72 720 cm BT")).toBe(false);
    expect(looks("0 0 1 rg 0 0 100 100 re f")).toBe(false);
    expect(looks("12 0 0.5 w")).toBe(false);
    expect(looks("q 1 0 0 1 0 0 cm")).toBe(false);
    expect(looks("\x00\x01\x02")).toBe(false);
    expect(looks("7")).toBe(false);
  });
});

/** RFC 1950's checksum, big-endian, as the last 4 bytes of a zlib stream. */
function adler32(data: Buffer): Buffer {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(((b << 16) | a) >>> 0);
  return bytes;
}

describe("findPdfActiveContent fails closed where it cannot see (security review)", () => {
  const objectStream = Buffer.from("1 0 << /S /JavaScript /JS (app.alert(1)) >>", "latin1");

  it("refuses encrypted PDFs, XFA forms, rich media and filters it does not decode", () => {
    for (const dictionary of ["/Encrypt 9 0 R", "/XFA 12 0 R", "/RichMedia 3 0 R", "/Filter /ASCIIHexDecode", "/Filter [/AHx /FlateDecode]", "/Filter /LZWDecode"]) {
      expect(findPdfActiveContent(withStream(deflateSync(Buffer.from("BT ET")), dictionary)), dictionary).toBe("too_complex");
    }
  });

  it("refuses an object stream behind a predictor or another filter, where its script would be unreadable", () => {
    expect(findPdfActiveContent(withStream(deflateSync(objectStream), "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>"))).toBe("too_complex");
    expect(findPdfActiveContent(withStream(Buffer.from(objectStream.toString("hex")), "/Type /ObjStm /N 1 /First 4"))).toBe("too_complex");
  });

  it("still reads a plain Flate object stream, and leaves an ordinary predictor-coded xref stream alone", async () => {
    expect(findPdfActiveContent(withStream(deflateSync(objectStream), "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode"))).toBe("found");
    expect(findPdfActiveContent(withStream(deflateSync(Buffer.from([2, 0, 1, 0, 2, 0, 0, 9])), "/Type /XRef /W [1 2 1] /Filter /FlateDecode /DecodeParms << /Columns 4 /Predictor 12 >>"))).toBe("none");
    expect(findPdfActiveContent(await minimalPdf("Lab result"))).toBe("none");
  });
});
