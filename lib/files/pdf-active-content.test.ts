import { describe, expect, it } from "vitest";
import { findPdfActiveContent, isHttpsAddress } from "./pdf-active-content";
import { qpdfProgram } from "./qpdf-program";
import { readPdfObjects, type PdfObjects } from "./read-pdf-objects";
import { acceptedPdfFeatures, forbiddenPdfFeatures, pdfWithJavaScript, testPdf, type TestPdfOptions } from "./test-files";

const program = qpdfProgram();

async function finding(options: TestPdfOptions) {
  const read = await readPdfObjects(testPdf(options), { program: program! });
  if (!read.ok) throw new Error(`qpdf could not read the fixture: ${read.reason}`);
  return findPdfActiveContent(read.objects)?.feature ?? null;
}

/** Why each forbidden fixture is refused: the feature itself, not something incidental. */
const expectedFeature: Record<keyof typeof forbiddenPdfFeatures & string, string> = {
  "/OpenAction JavaScript": "/JavaScript",
  "/OpenAction JavaScript held in a stream": "/JavaScript",
  "/OpenAction /Launch": "/Launch",
  "/OpenAction with an escaped /L#61unch": "/Launch",
  "/OpenAction /ImportData": "/ImportData",
  "/OpenAction /GoToE (opens an embedded file)": "/GoToE",
  "/OpenAction /Rendition (media)": "/Rendition",
  "/OpenAction named menu command (Print)": "/Named action other than page navigation",
  "/OpenAction GoTo chained to JavaScript (/Next)": "/JavaScript",
  "document-level JavaScript (/Names /JavaScript)": "/JavaScript",
  "page /AA (on open) JavaScript": "/JavaScript",
  "page /AA (on open) of an unlisted action type": "/SetOCGState action",
  "form field /AA (keystroke) JavaScript": "/JavaScript",
  "link /Launch": "/Launch",
  "link /SubmitForm": "/SubmitForm",
  "link /GoToR (opens another file)": "/GoToR",
  "link /URI to http": "/URI action to an address that is not https",
  "link /URI to a file": "/URI action to an address that is not https",
  "link /URI relative": "/URI action to an address that is not https",
  "link /URI held in another object, to http": "/URI action to an address that is not https",
  "embedded files (/Names /EmbeddedFiles)": "/EmbeddedFiles|/EF|/EmbeddedFile",
  "file attachment annotation": "/FileAttachment|/EF|/EmbeddedFile",
  "rich media annotation": "/RichMedia|/RichMediaContent",
  "3D annotation": "/3D",
  "XFA form": "/XFA",
};

describe("findPdfActiveContent, on what qpdf read", () => {
  it("has the qpdf program (Debian's qpdf; scripts/test.sh installs it)", () => {
    expect(program).not.toBeNull();
  });

  it.each(Object.entries(forbiddenPdfFeatures))("finds %s, plain and in an object stream", async (label, options) => {
    for (const packing of ["plain", "object-stream"] as const) {
      const feature = await finding({ ...options, packing });
      expect(feature, packing).toMatch(new RegExp(`^(?:${expectedFeature[label]!.replace(/[.*+?()[\]{}^$]/g, "\\$&")})(?: action)?$`));
    }
  });

  it.each(Object.entries(acceptedPdfFeatures))("finds nothing in %s", async (_label, options) => {
    expect(await finding(options)).toBeNull();
    expect(await finding({ ...options, packing: "object-stream" })).toBeNull();
  });

  it("reads the disguised object streams of issue 9 as pdf.js does", async () => {
    for (const disguise of ["comment-before-index", "escaped-predictor"] as const) {
      const read = await readPdfObjects(pdfWithJavaScript({ packing: "object-stream", disguise }), { program: program! });
      expect(read.ok && findPdfActiveContent(read.objects), disguise).toEqual({ feature: "/JavaScript action" });
    }
  });
});

describe("findPdfActiveContent, on crafted object graphs", () => {
  const graph = (objects: Record<string, unknown>): PdfObjects => ({ trailer: { value: { "/Root": "1 0 R" } }, ...objects }) as PdfObjects;

  it("follows references for /S, /URI and /AA, and decodes byte strings", () => {
    expect(findPdfActiveContent(graph({ "obj:1 0 R": { value: { "/OpenAction": { "/S": "2 0 R" } } }, "obj:2 0 R": { value: "/SetOCGState" } }))).toEqual({ feature: "/SetOCGState action" });
    expect(findPdfActiveContent(graph({ "obj:1 0 R": { value: { "/A": { "/S": "/URI", "/URI": "2 0 R" } } }, "obj:2 0 R": { value: `b:${Buffer.from("http://x.example").toString("hex")}` } }))).not.toBeNull();
    expect(findPdfActiveContent(graph({ "obj:1 0 R": { value: { "/A": { "/S": "/URI", "/URI": `b:${Buffer.from("https://x.example/").toString("hex")}` } } } }))).toBeNull();
    expect(findPdfActiveContent(graph({ "obj:1 0 R": { value: { "/AA": "2 0 R" } }, "obj:2 0 R": { value: { "/C": "3 0 R" } }, "obj:3 0 R": { value: { "/S": "/Hide" } } }))).toEqual({ feature: "/Hide action" });
  });

  it("refuses an action whose type is not a name or not a PDF action, and one in a stream's dictionary", () => {
    expect(findPdfActiveContent(graph({ "obj:1 0 R": { value: { "/OpenAction": { "/S": "u:JavaScript" } } } }))).toEqual({ feature: "action of an unknown type" });
    expect(findPdfActiveContent(graph({ "obj:1 0 R": { value: { "/OpenAction": { "/S": "/PatientName" } } } }))).toEqual({ feature: "action of an unknown type" });
    expect(findPdfActiveContent(graph({ "obj:1 0 R": { stream: { dict: { "/Type": "/Action", "/S": "/ResetForm" } } } }))).toEqual({ feature: "/ResetForm action" });
  });

  it("leaves /S alone where it is not an action: page labels, structure, borders", () => {
    expect(findPdfActiveContent(graph({ "obj:1 0 R": { value: { "/PageLabels": { "/Nums": [0, { "/S": "/D" }] }, "/BS": { "/S": "/S" }, "/K": { "/S": "/P", "/A": { "/O": "/Layout" } } } } }))).toBeNull();
  });
});

describe("isHttpsAddress", () => {
  it.each(["https://example.org", "https://example.org/a?b=c#d", "HTTPS://EXAMPLE.ORG/"])("accepts %j", (address) => expect(isHttpsAddress(address)).toBe(true));
  it.each(["http://example.org", " https://example.org", "https://exa mple.org", "https:\\\\example.org", "https:///path", "javascript:alert(1)", "//example.org", "https://example.org/\n", "file:///etc/passwd", ""])("refuses %j", (address) => expect(isHttpsAddress(address)).toBe(false));
  it("refuses a missing address", () => expect(isHttpsAddress(null)).toBe(false));
});
