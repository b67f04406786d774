/**
 * The decoded contents of a PDF's object streams. Since PDF 1.5, writers (Acrobat, Word,
 * qpdf, most libraries) pack ordinary objects — including action dictionaries such as
 * `<< /S /JavaScript /JS (...) >>` — into deflate-compressed "object streams", where a scan
 * of the raw bytes cannot see them. Checking only raw bytes would miss script in any PDF
 * those tools produce, so we inflate the streams that can hold objects and let the caller
 * scan them too.
 *
 * Which streams: we do not trust the `/Type /ObjStm` label (readers such as pdf.js find
 * object streams through the cross-reference table and do not require it), so we look at
 * what each Flate stream decodes to. An object stream starts with its index, pairs of plain
 * integers ("12 0 13 57 …"), followed by an object (`<<`, `[`, `(`, `/`, a number, `true`,
 * `false`, `null`). A page's content stream also often starts with numbers, but then comes an
 * operator ("1 0 0 1 72 720 cm", "0 0 1 rg"). Images and fonts are binary. Only the first
 * few hundred bytes of each stream are inflated to decide; only candidates are inflated whole.
 *
 * Bounded on purpose (a 20 MB upload may be crafted): at most MAX_STREAMS streams looked at,
 * MAX_FAILED_PROBES that do not inflate, MAX_PROBED_BYTES read to classify them and
 * MAX_INFLATED_BYTES inflated in all. Past any of these, or when a candidate will not
 * inflate, the answer is "too_complex" and the caller refuses the file — never "clean".
 * Real PDFs stay far below them: the 36- and 17-page PDFs under /usr/share/doc take 4–8 ms,
 * and exactly their 4 and 7 object streams are inflated. The worst 20 MB we could craft
 * (nothing but tiny object streams) costs ~0.25 s before it is refused.
 *
 * Not covered (documented limits, see inspect-upload.ts): object streams behind other
 * filters (LZW, ASCII85, …) or a PNG predictor, and encrypted PDFs, whose streams we cannot
 * read without implementing PDF decryption.
 */
import { constants, inflateSync } from "node:zlib";
import { latin1, matchesAt } from "./byte-scan";

/**
 * Compressed streams looked at. A 1,000-page document has a few thousand (content, fonts,
 * images); at the cap, a file crafted of nothing but object-stream look-alikes costs ~0.25 s.
 */
export const MAX_STREAMS = 10_000;
/**
 * Streams that looked compressed but would not inflate. Rare in real files (the zlib header
 * check lets 1 in 31 random byte pairs through); each costs an exception (~50 µs), so a file
 * crafted to be full of them is cut short.
 */
export const MAX_FAILED_PROBES = 1_000;
/** Compressed input read by probes, in all: normally 256 bytes a stream; padding costs more. */
export const MAX_PROBED_BYTES = 32 * 1024 * 1024;
/** Object streams are small (kilobytes, rarely a few MB); this allows many, and caps a zip bomb. */
export const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

/** Compressed bytes read to classify a stream; retried longer if they decode to too little. */
const PROBE_INPUT_SIZES = [256, 4096, 65536];
/** Enough decoded text to see the index pairs and what follows them. */
const PROBE_OUTPUT_BYTES = 64;
/** A probe that decodes to more than this (a blank image) is certainly not short of output. */
const PROBE_MAX_OUTPUT = 1024 * 1024;

const STREAM = latin1("stream");
const END = latin1("end");

export type ObjectStreams = { ok: true; decoded: Buffer[] } | { ok: false; reason: "too_complex" };

export function decodeObjectStreams(pdf: Buffer): ObjectStreams {
  const decoded: Buffer[] = [];
  let inflatedBytes = 0;
  let streams = 0;
  let failedProbes = 0;
  const probeBudget = { bytes: MAX_PROBED_BYTES };

  for (let keyword = pdf.indexOf(STREAM); keyword !== -1; keyword = pdf.indexOf(STREAM, keyword + STREAM.length)) {
    if (matchesAt(pdf, keyword - END.length, END)) continue; // "endstream"
    const dataStart = afterEndOfLine(pdf, keyword + STREAM.length);
    if (dataStart === -1) continue;
    // An object stream (its dictionary has /First) whose bytes we would not read as they are
    // — a predictor, or no zlib header (another filter first) — could hide script: refuse.
    const dictionary = streamDictionary(pdf, keyword);
    if (OBJECT_STREAM_MARK.test(dictionary) && (PREDICTOR.test(dictionary) || !startsWithZlibHeader(pdf, dataStart))) return { ok: false, reason: "too_complex" };
    if (!startsWithZlibHeader(pdf, dataStart)) continue;
    if (++streams > MAX_STREAMS) return { ok: false, reason: "too_complex" };

    // To the end of the file, not to the next "endstream": those bytes may occur inside the
    // compressed data, and inflate stops by itself at the end of the deflate stream.
    const data = pdf.subarray(dataStart);
    const probe = probeStart(data, probeBudget);
    if (probe === "over_budget") return { ok: false, reason: "too_complex" };
    if (probe === "not_deflate" && ++failedProbes > MAX_FAILED_PROBES) return { ok: false, reason: "too_complex" };
    if (probe === "no" || probe === "not_deflate") continue;

    const budget = MAX_INFLATED_BYTES - inflatedBytes;
    if (budget <= 0) return { ok: false, reason: "too_complex" };
    try {
      const whole = inflateSync(data, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: budget });
      inflatedBytes += whole.length;
      decoded.push(whole);
    } catch {
      // Over budget, or corrupt after a promising start: we cannot say what it holds.
      return { ok: false, reason: "too_complex" };
    }
  }
  return { ok: true, decoded };
}

const OBJECT_STREAM_MARK = /\/First[\s/<>\[\]()0-9]/;
const PREDICTOR = /\/(?:Predictor|DecodeParms|DP)[\s/<>\[\]()0-9]/;
/** How far back from "stream" its dictionary is looked for; real ones are under a few hundred bytes. */
const DICTIONARY_WINDOW = 4096;

/** The text between the object's "obj" keyword and "stream" (its dictionary), bounded. */
function streamDictionary(pdf: Buffer, keyword: number): string {
  const from = Math.max(0, keyword - DICTIONARY_WINDOW);
  const text = pdf.subarray(from, keyword).toString("latin1");
  const obj = text.lastIndexOf("obj");
  return obj === -1 ? text : text.slice(obj);
}

/** The "stream" keyword is followed by CRLF or LF (a lone CR is tolerated by readers, so by us). */
function afterEndOfLine(pdf: Buffer, position: number): number {
  if (pdf[position] === 0x0d) return pdf[position + 1] === 0x0a ? position + 2 : position + 1;
  if (pdf[position] === 0x0a) return position + 1;
  return -1; // "streams", "/streamer", text: not the keyword
}

/** RFC 1950: deflate method with a window ≤ 32K, and a header checksum divisible by 31. */
function startsWithZlibHeader(pdf: Buffer, position: number): boolean {
  const cmf = pdf[position];
  const flg = pdf[position + 1];
  if (cmf === undefined || flg === undefined) return false;
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && (cmf * 256 + flg) % 31 === 0;
}

/**
 * "yes"/"maybe": inflate it whole. "no": it decodes to something that cannot be an object
 * stream. "not_deflate": it does not decode at all. "over_budget": MAX_PROBED_BYTES used up.
 */
function probeStart(data: Buffer, budget: { bytes: number }): "yes" | "maybe" | "no" | "not_deflate" | "over_budget" {
  for (const size of PROBE_INPUT_SIZES) {
    const input = data.subarray(0, size);
    budget.bytes -= input.length;
    if (budget.bytes < 0) return "over_budget";
    let head: Buffer;
    try {
      // SYNC_FLUSH: whatever the first `size` bytes decode to, without failing because the
      // stream goes on (no exception on the common path: they cost ~50 µs each).
      head = inflateSync(input, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: PROBE_MAX_OUTPUT });
    } catch (error) {
      // Over PROBE_MAX_OUTPUT only after padding (see below): suspicious, look at all of it.
      // Anything else: not deflate data after all (1 in 31 random byte pairs pass the header check).
      return errorCode(error) === "ERR_BUFFER_TOO_LARGE" ? "maybe" : "not_deflate";
    }
    if (head.length >= PROBE_OUTPUT_BYTES || size >= data.length || endsWithin(input)) return looksLikeObjectStream(head) ? "yes" : "no";
  }
  // Tens of kilobytes that decode to (almost) nothing: padding meant to hide what follows.
  return "maybe";
}

/** Whether the deflate stream ends inside `input` (a short stream: what we decoded is all there is). */
function endsWithin(input: Buffer): boolean {
  try {
    inflateSync(input, { maxOutputLength: PROBE_MAX_OUTPUT });
    return true;
  } catch {
    return false; // "unexpected end of file": it goes on
  }
}

const errorCode = (error: unknown): unknown => (typeof error === "object" && error !== null && "code" in error ? error.code : undefined);

/** Leading index pairs of unsigned integers, then not an operator (letters other than true/false/null, or a decimal point). */
const indexPairs = /^\s*\d+\s+\d+(?:\s+\d+)*/;
const operatorAfter = /^\s*(?:\.|[A-Za-z'"*]+)/;
const objectKeyword = /^\s*(?:true|false|null)(?![A-Za-z])/;

export function looksLikeObjectStream(head: Buffer): boolean {
  const text = head.subarray(0, 4096).toString("latin1");
  const pairs = indexPairs.exec(text);
  if (!pairs) return false;
  const rest = text.slice(pairs[0].length);
  if (objectKeyword.test(rest)) return true;
  return !operatorAfter.test(rest);
}
