/**
 * Test inputs for attachment uploads, generated at run time: shared by the unit tests, the
 * integration tests and the Playwright specs (import it relatively, e.g.
 * `import { jpegWithGpsExif } from "../../lib/files/test-files"`). So: plain Node and sharp
 * only — no vitest, no "@/" paths, nothing server-only.
 *
 * Nothing harmful is stored in the repository: the EICAR anti-virus test string is assembled
 * from two halves, the "executable" is a header that does nothing, and the HEIC sample is a
 * 64×48 orange rectangle. Every generator is deterministic (seeded noise), so a test that
 * passes once passes every time.
 */
import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";

/* ------------------------------------------------------------------ images */

/** mulberry32: small, fast, seeded; Math.random would make image sizes (and luck) vary between runs. */
function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Raw RGB: a gradient plus noise of ±`noise`, so encoders cannot compress it away.
 * With `split`, the left half is red and the right half blue — which side ends up where shows
 * whether an orientation was applied.
 */
function photoPixels(width: number, height: number, { noise = 24, seed = 1, split = false } = {}): Buffer {
  const random = seededRandom(seed);
  const pixels = Buffer.alloc(width * height * 3);
  const clamp = (value: number) => (value < 0 ? 0 : value > 255 ? 255 : value);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const n = (random() - 0.5) * 2 * noise;
      if (split) {
        const left = x < width / 2;
        pixels[i] = clamp((left ? 220 : 30) + n);
        pixels[i + 1] = clamp(40 + (y * 80) / height + n);
        pixels[i + 2] = clamp((left ? 30 : 220) + n);
      } else {
        pixels[i] = clamp((x * 255) / width + n);
        pixels[i + 1] = clamp((y * 255) / height + n);
        pixels[i + 2] = clamp(128 + n);
      }
    }
  }
  return pixels;
}

const rawImage = (pixels: Buffer, width: number, height: number) => sharp(pixels, { raw: { width, height, channels: 3 } });

/** Where jpegWithGpsExif says the photo was taken (a London street; tests look for these). */
export const testGpsPosition = { latitude: "51/1 30/1 2628/100", longitude: "0/1 7/1 3948/100", latitudeRef: "N", longitudeRef: "W" } as const;
export const testCameraMake = "Concierge Test Camera";

export type JpegWithGpsExifOptions = {
  /**
   * EXIF orientation (1–8). The stored pixels are 640×480 with a red left half and a blue
   * right half; with 6 ("rotate 90° clockwise to display") viewers show 480×640, red on top.
   */
  orientation?: number;
};

/**
 * A 640×480 JPEG as a phone writes it: EXIF with camera make and model, the time taken and a
 * GPS position (latitude/longitude in the GPS IFD). The privacy leak sanitizeImage removes.
 */
export async function jpegWithGpsExif({ orientation }: JpegWithGpsExifOptions = {}): Promise<Buffer> {
  const width = 640;
  const height = 480;
  let image = rawImage(photoPixels(width, height, { split: true, seed: 7 }), width, height).jpeg({ quality: 90 });
  if (orientation !== undefined) image = image.withMetadata({ orientation });
  return image
    .withExifMerge({
      IFD0: { Make: testCameraMake, Model: "CT-1", Software: "test-files.ts" },
      IFD2: { DateTimeOriginal: "2026:03:14 09:26:53" },
      IFD3: {
        GPSLatitudeRef: testGpsPosition.latitudeRef,
        GPSLatitude: testGpsPosition.latitude,
        GPSLongitudeRef: testGpsPosition.longitudeRef,
        GPSLongitude: testGpsPosition.longitude,
      },
    })
    .toBuffer();
}

/** JPEG bytes per pixel for photoPixels' default noise at quality 92 (measured: 0.44). */
const LARGE_PHOTO_BYTES_PER_PIXEL = 0.44;

/**
 * A camera-sized JPEG of about `targetBytes` (default 5 MB ≈ a 12-megapixel 4:3 photo),
 * noisy enough not to compress away. Takes about half a second to make.
 */
export async function largePhotoJpeg(targetBytes = 5 * 1024 * 1024): Promise<Buffer> {
  const make = async (pixelCount: number) => {
    const width = Math.max(16, Math.round(Math.sqrt((pixelCount * 4) / 3)));
    const height = Math.max(12, Math.round((width * 3) / 4));
    return rawImage(photoPixels(width, height, { seed: 3 }), width, height).jpeg({ quality: 92 }).toBuffer();
  };
  const estimate = targetBytes / LARGE_PHOTO_BYTES_PER_PIXEL;
  const first = await make(estimate);
  const ratio = targetBytes / first.length;
  // One correction if the estimate was far off (tiny or huge targets).
  return ratio > 0.85 && ratio < 1.15 ? first : make(estimate * ratio);
}

export async function pngImage(width = 320, height = 240): Promise<Buffer> {
  return rawImage(photoPixels(width, height, { noise: 8, seed: 11 }), width, height).png().toBuffer();
}

export async function webpImage(width = 320, height = 240): Promise<Buffer> {
  return rawImage(photoPixels(width, height, { noise: 8, seed: 13 }), width, height).webp({ quality: 80 }).toBuffer();
}

/** Allowed nowhere; for "type not allowed" tests. */
export async function gifImage(): Promise<Buffer> {
  return rawImage(photoPixels(64, 48, { noise: 0 }), 64, 48).gif().toBuffer();
}

export async function tiffImage(): Promise<Buffer> {
  return rawImage(photoPixels(64, 48, { noise: 0 }), 64, 48).tiff().toBuffer();
}

/**
 * A real HEIC photo (64×48, plain orange), as iPhones send by default: made with libheif's
 * heif-enc 1.15 (x265). sharp's prebuilt libvips cannot decode it (no HEVC decoder), which is
 * why uploads refuse HEIC (see inspect-upload.ts).
 */
export function heicPhoto(): Buffer {
  return Buffer.from(HEIC_64X48_BASE64, "base64");
}

/* ------------------------------------------------------------------ PDFs */

/** Assembles a classic PDF (xref table with correct offsets) from object bodies, numbered from 1. */
function assemblePdf(objects: Buffer[], { version = "1.4", root = 1 } = {}): Buffer {
  // The binary comment on line 2 tells tools the file is binary, as real writers do.
  const parts: Buffer[] = [Buffer.from(`%PDF-${version}\n%\xe2\xe3\xcf\xd3\n`, "latin1")];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    const chunk = Buffer.concat([Buffer.from(`${index + 1} 0 obj\n`), body, Buffer.from("\nendobj\n")]);
    offsets.push(length);
    parts.push(chunk);
    length += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, "0000000000 65535 f \n", ...offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`)].join("");
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root ${root} 0 R >>\nstartxref\n${length}\n%%EOF\n`));
  return Buffer.concat(parts);
}

const streamObject = (data: Buffer, dictionary = "", afterKeyword = "\n") => Buffer.concat([Buffer.from(`<< /Length ${data.length}${dictionary} >>\nstream${afterKeyword}`), data, Buffer.from("\nendstream")]);

const pageObjects = (contentsRef: number, fontRef: number) => [
  Buffer.from("<< /Type /Catalog /Pages 2 0 R >>"),
  Buffer.from("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
  Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${fontRef} 0 R >> >> /Contents ${contentsRef} 0 R >>`),
];
const pageText = (text: string) => Buffer.from(`BT /F1 18 Tf 72 720 Td (${text}) Tj ET`);
const helvetica = Buffer.from("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");

/**
 * A valid one-page PDF ("Lab results"). With `extraStreamText`, that text is stored as an
 * extra, uncompressed stream object — as a PDF carrying an embedded file or other data would.
 */
export function minimalPdf(extraStreamText?: string): Buffer {
  const objects = [...pageObjects(4, 5), streamObject(pageText("Lab results")), helvetica];
  if (extraStreamText !== undefined) objects.push(streamObject(Buffer.from(extraStreamText, "latin1")));
  return assemblePdf(objects);
}

export type PdfWithJavaScriptOptions = {
  /**
   * "plain": the action dictionary in the open (a naive writer);
   * "object-stream": packed into a deflated PDF 1.5 object stream, as Acrobat, Word or qpdf
   *   write it, where the raw bytes show nothing;
   * "escaped-name": `/S /J#61vaScript`, which readers decode to /JavaScript.
   */
  packing?: "plain" | "object-stream" | "escaped-name";
  /** The action: "javascript" (/S /JavaScript /JS …) or "launch" (/S /Launch, runs a program). */
  action?: "javascript" | "launch";
  /**
   * With packing "object-stream", the syntax tricks that got an /OpenAction past the old
   * hand-written check (issue 9), each read as written by pdf.js:
   * "space-before-eol": `stream \n` (a space before the end of line after the keyword);
   * "comment-before-index": a `%comment` line before the object stream's index;
   * "escaped-predictor": the object stream PNG-predicted, with `/Decode#50arms` and `/Pr#65dictor`.
   */
  disguise?: ObjectStreamDisguise;
};

export type ObjectStreamDisguise = "space-before-eol" | "comment-before-index" | "escaped-predictor";

/** A PDF that runs an action when opened (/OpenAction). Harmless payload: an alert, or launching "calc.exe". */
export function pdfWithJavaScript({ packing = "plain", action = "javascript", disguise }: PdfWithJavaScriptOptions = {}): Buffer {
  const actionType = packing === "escaped-name" ? "/J#61vaScript" : "/JavaScript";
  const actionDictionary =
    action === "launch" ? "<< /Type /Action /S /Launch /F (calc.exe) >>" : `<< /Type /Action /S ${actionType} /JS (app.alert\\('Hello from test-files'\\);) >>`;
  return testPdf({ catalog: "/OpenAction 6 0 R", objects: [actionDictionary], packing: packing === "object-stream" ? "object-stream" : "plain", ...(disguise ? { disguise } : {}) });
}

export type TestPdfOptions = {
  /** Extra entries of the catalog (object 1), e.g. "/OpenAction 6 0 R". */
  catalog?: string;
  /** Extra entries of the one page (object 3), e.g. "/Annots [6 0 R]". */
  page?: string;
  /**
   * Further objects, numbered from 6: a dictionary or array as PDF syntax, or
   * `{ stream, dictionary }` for a stream object (always written outside object streams).
   */
  objects?: (string | { stream: string; dictionary?: string })[];
  /** "object-stream": every non-stream object packed into one deflated object stream (PDF 1.5). */
  packing?: "plain" | "object-stream";
  disguise?: ObjectStreamDisguise;
  /** Text shown on the page. */
  text?: string;
};

/**
 * A one-page PDF (objects 1 catalog, 2 pages, 3 page, 4 content, 5 font) with whatever extra
 * catalog entries, page entries and objects a test needs: the way to build each PDF feature
 * the upload check must refuse (or accept), written plainly or packed into an object stream.
 */
export function testPdf({ catalog = "", page = "", objects = [], packing = "plain", disguise, text = "Open me" }: TestPdfOptions = {}): Buffer {
  const dictionaries = [
    `<< /Type /Catalog /Pages 2 0 R ${catalog} >>`,
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R ${page} >>`,
  ];
  const all: (string | Buffer)[] = [...dictionaries, streamObject(pageText(text)), helvetica];
  for (const object of objects) all.push(typeof object === "string" ? object : streamObject(Buffer.from(object.stream, "latin1"), object.dictionary ? ` ${object.dictionary}` : ""));
  if (packing === "plain") return assemblePdf(all.map((object) => (typeof object === "string" ? Buffer.from(object, "latin1") : object)));
  const packed = all.map((object) => (typeof object === "string" ? object : null));
  const loose = all.filter((object): object is Buffer => typeof object !== "string");
  return pdfWithObjectStream(packed, loose, disguise);
}

/**
 * A PDF 1.5 file whose small objects live in one deflated object stream (numbered after the
 * given objects), with the cross-reference stream (next number) that such files need.
 * `packed[i]` is object i+1, or null for the objects given in `loose` (in order).
 */
function pdfWithObjectStream(packed: (string | null)[], loose: Buffer[], disguise?: ObjectStreamDisguise): Buffer {
  const objectStreamNumber = packed.length + 1;
  const xrefNumber = objectStreamNumber + 1;
  const inStream = packed.map((body, index) => ({ number: index + 1, body })).filter((o): o is { number: number; body: string } => o.body !== null);

  let index = disguise === "comment-before-index" ? "%index of the packed objects\n" : "";
  let bodies = "";
  for (const object of inStream) {
    index += `${object.number} ${bodies.length} `;
    bodies += `${object.body}\n`;
  }
  const decoded = Buffer.from(index + bodies, "latin1");
  const objectStream =
    disguise === "escaped-predictor"
      ? streamObject(deflateSync(pngUpPredicted(decoded, PREDICTOR_COLUMNS)), ` /Type /ObjStm /N ${inStream.length} /First ${index.length} /Filter /FlateDecode /Decode#50arms << /Pr#65dictor 12 /Columns ${PREDICTOR_COLUMNS} >>`)
      : streamObject(deflateSync(decoded), ` /Type /ObjStm /N ${inStream.length} /First ${index.length} /Filter /FlateDecode`, disguise === "space-before-eol" ? " \n" : "\n");

  const parts: Buffer[] = [Buffer.from("%PDF-1.5\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let length = parts[0]!.length;
  const offsets = new Map<number, number>();
  const add = (number: number, body: Buffer) => {
    const chunk = Buffer.concat([Buffer.from(`${number} 0 obj\n`), body, Buffer.from("\nendobj\n")]);
    offsets.set(number, length);
    parts.push(chunk);
    length += chunk.length;
  };
  let looseIndex = 0;
  packed.forEach((body, i) => {
    if (body === null) add(i + 1, loose[looseIndex++]!);
  });
  add(objectStreamNumber, objectStream);

  // Cross-reference stream, /W [1 4 2]: type 0 (free), 1 (offset, generation), 2 (object stream, index).
  const rows: Buffer[] = [row(0, 0, 65535)];
  for (let number = 1; number <= packed.length; number++) {
    const positionInStream = inStream.findIndex((o) => o.number === number);
    rows.push(positionInStream === -1 ? row(1, offsets.get(number)!, 0) : row(2, objectStreamNumber, positionInStream));
  }
  rows.push(row(1, offsets.get(objectStreamNumber)!, 0));
  rows.push(row(1, length, 0)); // the xref stream itself, written next
  const xrefData = Buffer.concat(rows);
  const xrefOffset = length;
  add(xrefNumber, streamObject(xrefData, ` /Type /XRef /Size ${xrefNumber + 1} /W [1 4 2] /Root 1 0 R`));
  parts.push(Buffer.from(`startxref\n${xrefOffset}\n%%EOF\n`));
  return Buffer.concat(parts);
}

const PREDICTOR_COLUMNS = 8;

/** PNG "Up" prediction (type 2) of every row of `columns` bytes, as /Predictor 12 readers undo it. */
function pngUpPredicted(data: Buffer, columns: number): Buffer {
  const padded = Buffer.concat([data, Buffer.alloc((columns - (data.length % columns)) % columns, 0x20)]);
  const out: Buffer[] = [];
  for (let start = 0; start < padded.length; start += columns) {
    const rowBytes = Buffer.alloc(columns + 1);
    rowBytes[0] = 2;
    for (let i = 0; i < columns; i++) rowBytes[i + 1] = (padded[start + i]! - (start === 0 ? 0 : padded[start - columns + i]!)) & 0xff;
    out.push(rowBytes);
  }
  return Buffer.concat(out);
}

function row(type: number, field2: number, field3: number): Buffer {
  const bytes = Buffer.alloc(7);
  bytes.writeUInt8(type, 0);
  bytes.writeUInt32BE(field2, 1);
  bytes.writeUInt16BE(field3, 5);
  return bytes;
}

/** A link annotation over the page's first line, doing `action` (PDF syntax of an action dictionary). */
const linkAnnotation = (action: string) => `<< /Type /Annot /Subtype /Link /Rect [72 700 300 730] /Border [0 0 0] /A ${action} >>`;
const javaScriptAction = "<< /S /JavaScript /JS (app.alert\\(1\\);) >>";
const embeddedFile = { stream: "Notes: call back Tuesday.", dictionary: "/Type /EmbeddedFile /Subtype /text#2Fplain" };

/**
 * Every PDF feature the upload check must refuse, one fixture each (testPdf options): code
 * that runs (JavaScript anywhere, actions that launch programs, send form data, import data
 * or open other files), files carried inside, rich media and XFA forms, links that are not
 * https. Each is built plainly and packed in an object stream by the tests.
 */
export const forbiddenPdfFeatures: Readonly<Record<string, TestPdfOptions>> = {
  "/OpenAction JavaScript": { catalog: "/OpenAction 6 0 R", objects: [javaScriptAction] },
  "/OpenAction JavaScript held in a stream": { catalog: "/OpenAction 6 0 R", objects: ["<< /S /JavaScript /JS 7 0 R >>", { stream: "app.alert(1);" }] },
  "/OpenAction /Launch": { catalog: "/OpenAction << /S /Launch /F (calc.exe) >>" },
  "/OpenAction with an escaped /L#61unch": { catalog: "/OpenAction << /S /L#61unch /F (calc.exe) >>" },
  "/OpenAction /ImportData": { catalog: "/OpenAction << /S /ImportData /F (data.fdf) >>" },
  "/OpenAction /GoToE (opens an embedded file)": { catalog: "/OpenAction << /S /GoToE /T << /R /C /N (inner.pdf) >> /D [0 /Fit] >>" },
  "/OpenAction /Rendition (media)": { catalog: "/OpenAction << /S /Rendition /OP 0 >>" },
  "/OpenAction named menu command (Print)": { catalog: "/OpenAction << /S /Named /N /Print >>" },
  "/OpenAction GoTo chained to JavaScript (/Next)": { catalog: "/OpenAction << /S /GoTo /D [3 0 R /Fit] /Next 6 0 R >>", objects: [javaScriptAction] },
  "document-level JavaScript (/Names /JavaScript)": { catalog: "/Names << /JavaScript 6 0 R >>", objects: ["<< /Names [(init) 7 0 R] >>", javaScriptAction] },
  "page /AA (on open) JavaScript": { page: "/AA << /O 6 0 R >>", objects: [javaScriptAction] },
  "page /AA (on open) of an unlisted action type": { page: "/AA << /O << /S /SetOCGState /State [/OFF] >> >>" },
  "form field /AA (keystroke) JavaScript": {
    catalog: "/AcroForm << /Fields [6 0 R] >>",
    page: "/Annots [6 0 R]",
    objects: ["<< /Type /Annot /Subtype /Widget /FT /Tx /T (member) /Rect [72 600 300 620] /P 3 0 R /AA << /K 7 0 R >> >>", javaScriptAction],
  },
  "link /Launch": { page: "/Annots [6 0 R]", objects: [linkAnnotation("<< /S /Launch /F (cmd.exe) >>")] },
  "link /SubmitForm": { page: "/Annots [6 0 R]", objects: [linkAnnotation("<< /S /SubmitForm /F << /FS /URL /F (https://collector.example/submit) >> >>")] },
  "link /GoToR (opens another file)": { page: "/Annots [6 0 R]", objects: [linkAnnotation("<< /S /GoToR /F (\\\\server\\share\\other.pdf) /D [0 /Fit] >>")] },
  "link /URI to http": { page: "/Annots [6 0 R]", objects: [linkAnnotation("<< /S /URI /URI (http://example.com/results) >>")] },
  "link /URI to a file": { page: "/Annots [6 0 R]", objects: [linkAnnotation("<< /S /URI /URI (file:///C:/Windows/System32/calc.exe) >>")] },
  "link /URI relative": { page: "/Annots [6 0 R]", objects: [linkAnnotation("<< /S /URI /URI (results.html) >>")] },
  "link /URI held in another object, to http": { page: "/Annots [6 0 R]", objects: [linkAnnotation("<< /S /URI /URI 7 0 R >>"), "(http://example.com/)"] },
  "embedded files (/Names /EmbeddedFiles)": {
    catalog: "/Names << /EmbeddedFiles << /Names [(notes.txt) 6 0 R] >> >>",
    objects: ["<< /Type /Filespec /F (notes.txt) /UF (notes.txt) /EF << /F 7 0 R >> >>", embeddedFile],
  },
  "file attachment annotation": {
    page: "/Annots [6 0 R]",
    objects: ["<< /Type /Annot /Subtype /FileAttachment /Rect [72 600 90 620] /FS 7 0 R >>", "<< /Type /Filespec /F (notes.txt) /EF << /F 8 0 R >> >>", embeddedFile],
  },
  "rich media annotation": { page: "/Annots [6 0 R]", objects: ["<< /Type /Annot /Subtype /RichMedia /Rect [72 400 300 600] /RichMediaContent << /Assets << /Names [] >> >> >>"] },
  "3D annotation": { page: "/Annots [6 0 R]", objects: ["<< /Type /Annot /Subtype /3D /Rect [72 400 300 600] >>"] },
  "XFA form": { catalog: "/AcroForm << /Fields [] /XFA 6 0 R >>", objects: [{ stream: '<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"></xdp:xdp>' }] },
};

/**
 * PDFs a member may well send, which the check must accept: links to https pages and within
 * the document, an /OpenAction that only shows the first page, page navigation, forms
 * without scripts, tagged (accessible) structure and page labels — dictionaries with /S
 * entries that are not actions.
 */
export const acceptedPdfFeatures: Readonly<Record<string, TestPdfOptions>> = {
  "a plain page": {},
  "an https link": { page: "/Annots [6 0 R]", objects: [linkAnnotation("<< /S /URI /URI (https://www.example.org/lab-results?id=1) >>")] },
  "an internal link and a GoTo action": { page: "/Annots [6 0 R 7 0 R]", objects: [`<< /Type /Annot /Subtype /Link /Rect [72 650 300 680] /Dest [3 0 R /Fit] >>`, linkAnnotation("<< /S /GoTo /D [3 0 R /XYZ 0 792 0] >>")] },
  "/OpenAction showing page 1": { catalog: "/OpenAction [3 0 R /Fit] /PageMode /UseOutlines" },
  "/OpenAction GoTo": { catalog: "/OpenAction << /Type /Action /S /GoTo /D [3 0 R /FitH 792] >>" },
  "a next-page button": { page: "/Annots [6 0 R]", objects: [linkAnnotation("<< /S /Named /N /NextPage >>")] },
  "a fillable form without scripts": {
    catalog: "/AcroForm << /Fields [6 0 R] /DA (/Helv 0 Tf 0 g) >>",
    page: "/Annots [6 0 R]",
    objects: ["<< /Type /Annot /Subtype /Widget /FT /Tx /T (member) /V (Ana) /Rect [72 600 300 620] /P 3 0 R /BS << /S /S /W 1 >> >>"],
  },
  "tagged structure and page labels": {
    catalog: "/MarkInfo << /Marked true >> /StructTreeRoot 6 0 R /PageLabels << /Nums [0 << /S /D /St 1 >>] >>",
    objects: ["<< /Type /StructTreeRoot /K 7 0 R >>", "<< /Type /StructElem /S /P /P 6 0 R /Pg 3 0 R /A << /O /Layout /Placement /Block >> /K 0 >>"],
  },
};

/* ------------------------------------------------------------------ malware stand-ins */

/**
 * The EICAR anti-virus test file's 68 characters (eicar.org): every scanner reports it, and
 * it does nothing. Assembled from halves so this source file is not itself flagged.
 */
export function eicarString(): string {
  return ["X5O!P%@AP[4\\PZX54(P^)7CC)7}$", "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"].join("");
}

/** A valid JPEG with EICAR after its end marker: passes the type checks, caught by the scanner. */
export async function jpegWithEicarAppended(): Promise<Buffer> {
  return Buffer.concat([await jpegWithGpsExif(), Buffer.from(eicarString(), "latin1")]);
}

/** A valid PDF carrying EICAR as a plain stream object: passes the type checks, caught by the scanner. */
export function pdfWithEicarEmbedded(): Buffer {
  return minimalPdf(eicarString());
}

/**
 * "MZ" DOS header pointing at a "PE\0\0" header with an empty i386 COFF header: what file-type
 * detects as a Windows executable. Not runnable. Tests send it as "invoice.jpg", image/jpeg.
 */
export function exeRenamedJpg(): Buffer {
  const bytes = Buffer.alloc(0x40 + 24);
  bytes.write("MZ", 0, "latin1");
  bytes.writeUInt32LE(0x40, 0x3c); // e_lfanew: where the PE header starts
  bytes.write("PE\0\0", 0x40, "latin1");
  bytes.writeUInt16LE(0x014c, 0x44); // Machine: i386
  return bytes;
}

/** A Linux executable's first bytes (ELF magic, 64-bit, little-endian). Not runnable. */
export function elfBinary(): Buffer {
  const bytes = Buffer.alloc(64);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]).copy(bytes);
  return bytes;
}

/** A zip archive holding one small text file (stored, no compression). */
export function zipFile(): Buffer {
  const name = Buffer.from("note.txt");
  const data = Buffer.from("hello\n");
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4); // version needed
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(10, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const centralOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

/* ------------------------------------------------------------------ web content */

export function htmlFile(): Buffer {
  return Buffer.from("<!doctype html>\n<html><head><title>Results</title></head><body><script>alert(1)</script></body></html>\n");
}

export function svgFile(): Buffer {
  return Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>\n');
}

/**
 * A valid JPEG that is also a web page: `<html><script>alert(1)</script></html>` in a COM
 * (comment) segment right after the start marker. Image viewers show the picture; a browser
 * told it is HTML would run the script.
 */
export async function polyglotJpegHtml(): Promise<Buffer> {
  const jpeg = await rawImage(photoPixels(64, 48, { noise: 0 }), 64, 48).jpeg().toBuffer();
  const markup = Buffer.from("<html><script>alert(1)</script></html>");
  const comment = Buffer.alloc(4);
  comment.writeUInt16BE(0xfffe, 0); // COM marker
  comment.writeUInt16BE(markup.length + 2, 2); // segment length counts itself
  return Buffer.concat([jpeg.subarray(0, 2), comment, markup, jpeg.subarray(2)]);
}

/* ------------------------------------------------------------------ checks */

/** The APP1 signature a JPEG's EXIF block starts with. */
const EXIF_SIGNATURE = Buffer.from("Exif\0\0", "latin1");

/**
 * Whether an image still carries EXIF, XMP or IPTC metadata (where camera, time and GPS
 * position live), by sharp's reading of it or by an EXIF signature anywhere in the bytes.
 */
export async function hasExifOrGps(bytes: Uint8Array): Promise<boolean> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.includes(EXIF_SIGNATURE)) return true;
  const metadata = await sharp(buffer).metadata();
  return Boolean(metadata.exif?.length || metadata.xmp?.length || metadata.iptc?.length);
}

/**
 * Whether an EXIF block (sharp's `metadata().exif`, "Exif\0\0" + TIFF) has a GPS IFD with a
 * latitude and a longitude. Reads just enough TIFF to know.
 */
export function exifHasGpsPosition(exif: Buffer): boolean {
  const tiff = exif.subarray(exif.subarray(0, 6).equals(EXIF_SIGNATURE) ? 6 : 0);
  if (tiff.length < 8) return false;
  const little = tiff.toString("latin1", 0, 2) === "II";
  const u16 = (offset: number) => (little ? tiff.readUInt16LE(offset) : tiff.readUInt16BE(offset));
  const u32 = (offset: number) => (little ? tiff.readUInt32LE(offset) : tiff.readUInt32BE(offset));
  const tags = (ifdOffset: number) => {
    const found = new Map<number, number>();
    if (ifdOffset + 2 > tiff.length) return found;
    const count = u16(ifdOffset);
    for (let i = 0; i < count; i++) {
      const entry = ifdOffset + 2 + i * 12;
      if (entry + 12 > tiff.length) break;
      found.set(u16(entry), u32(entry + 8));
    }
    return found;
  };
  const gpsOffset = tags(u32(4)).get(0x8825); // GPSInfo IFD pointer
  if (gpsOffset === undefined) return false;
  const gps = tags(gpsOffset);
  return gps.has(0x0002) && gps.has(0x0004); // GPSLatitude, GPSLongitude
}

/* ------------------------------------------------------------------ data */

const HEIC_64X48_BASE64 = "AAAAHGZ0eXBoZWljAAAAAG1pZjFoZWljbWlhZgAAAa1tZXRhAAAAAAAAACFoZGxyAAAAAAAAAABwaWN0AAAAAAAAAAAAAAAAAAAAAA5waXRtAAAAAAACAAAAEGlkYXQAAAAAAEAAMAAAADhpbG9jAQAAAERAAAIAAQAAAAAAAAHRAAEAAAAAAAAAHAACAAEAAAAAAAAAAQAAAAAAAAAIAAAAOGlpbmYAAAAAAAIAAAAVaW5mZQIAAAEAAQAAaHZjMQAAAAAVaW5mZQIAAAAAAgAAZ3JpZAAAAADYaXBycAAAALZpcGNvAAAAdmh2Y0MBA3AAAAAAAAAAAAAe8AD8/fj4AAAPAyAAAQAYQAEMAf//A3AAAAMAkAAAAwAAAwAeugJAIQABACpCAQEDcAAAAwCQAAADAAADAB6gIIEFlurkprm4EBAwIAAAAwAgAAADACEiAAEABkQBwXPAiQAAABRpc3BlAAAAAAAAAEAAAABAAAAAFGlzcGUAAAAAAAAAQAAAADAAAAAQcGl4aQAAAAADCAgIAAAAGmlwbWEAAAAAAAAAAgABAoECAAICA4QAAAAaaXJlZgAAAAAAAAAOZGltZwACAAEAAQAAACRtZGF0AAAAGCgBrxOA9SeBP/5ZR//R9nh83O1+efLU8A==";
