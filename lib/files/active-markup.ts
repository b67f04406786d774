/**
 * Finds web-page code inside an upload's bytes: the mark of a polyglot, a file that is a
 * valid JPEG or PDF and also an HTML page (e.g. markup in a JPEG comment). If such a file
 * were ever rendered as HTML (a browser sniffing it, a mis-set Content-Type, a download
 * opened locally) the script would run, so we refuse it outright.
 *
 * This is a tripwire, not the defence: files are only ever served with the type found in
 * their bytes, `X-Content-Type-Options: nosniff` and as attachments. It looks for the
 * openings that start script or active content, ignoring ASCII case:
 *   <html  <script  <svg  <iframe  <body  <object  <embed  — as a tag: followed by whitespace,
 *                                   "/", ">" or the end of the file, as an HTML parser reads it;
 *   <!doctype                     — any document type declaration (HTML, SVG, XHTML);
 *   javascript:                   — a script URL.
 * Requiring the tag delimiter matters: compressed image data is close to random, and a bare
 * four-letter "<svg" turns up by chance in about one 20 MB photo in 25; with the delimiter,
 * about one in a thousand at 20 MB and far fewer at phone-photo sizes.
 *
 * Not found on purpose (cost, or false alarms in binary data): markup encoded as UTF-16,
 * entity-encoded or tab-split "javascript:", event attributes on other tags (<img onerror>),
 * and anything inside compressed PDF streams (a browser never decompresses those).
 */
import { asBuffer, asciiLower, latin1, matchesFoldedAt, someAnchor } from "./byte-scan";

const LESS_THAN = 0x3c;
const COLON = 0x3a;

/** Tag openings, lower case. Must be followed by a tag delimiter to count. */
const tagOpenings = ["<html", "<script", "<svg", "<iframe", "<body", "<object", "<embed"].map(latin1);
/** Openings that count wherever they appear. */
const bareOpenings = ["<!doctype"].map(latin1);
const scriptScheme = latin1("javascript:");

/** What ends a tag name in the HTML tokenizer: tab, LF, FF, CR (read as LF), space, "/" and ">". */
const endsTagName = new Uint8Array(256);
for (const byte of [0x09, 0x0a, 0x0c, 0x0d, 0x20, 0x2f, 0x3e]) endsTagName[byte] = 1;

/**
 * Which openings to try, by the byte after "<" (either case): a bit per opening in
 * [...tagOpenings, ...bareOpenings]. Most "<" in binary data are followed by a byte that
 * starts no opening, and cost one table look-up.
 */
const openings = [...tagOpenings, ...bareOpenings];
const openingsBySecondByte = new Uint16Array(256);
openings.forEach((opening, index) => {
  const second = opening[1]!;
  openingsBySecondByte[second]! |= 1 << index;
  if (second >= 0x61 && second <= 0x7a) openingsBySecondByte[second - 0x20]! |= 1 << index;
});

export function containsActiveMarkup(bytes: Uint8Array): boolean {
  const buffer = asBuffer(bytes);
  return someAnchor(buffer, LESS_THAN, (position) => markupOpensAt(buffer, position)) || someAnchor(buffer, COLON, (position) => scriptSchemeEndsAt(buffer, position));
}

function markupOpensAt(buffer: Buffer, position: number): boolean {
  if (position + 1 >= buffer.length) return false;
  let candidates = openingsBySecondByte[buffer[position + 1]!]!;
  for (let index = 0; candidates !== 0; index++, candidates >>>= 1) {
    if ((candidates & 1) === 0) continue;
    const opening = openings[index]!;
    if (!matchesFoldedAt(buffer, position, opening, 2)) continue;
    if (index >= tagOpenings.length) return true;
    const next = position + opening.length;
    if (next === buffer.length || endsTagName[buffer[next]!] === 1) return true;
  }
  return false;
}

/** `position` is a ":"; checks the ten bytes before it spell "javascript". */
function scriptSchemeEndsAt(buffer: Buffer, position: number): boolean {
  const start = position - (scriptScheme.length - 1);
  // Cheap first test on the "t" right before the colon.
  return start >= 0 && asciiLower[buffer[position - 1]!] === 0x74 && matchesFoldedAt(buffer, start, scriptScheme);
}
