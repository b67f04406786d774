/**
 * Finds PDF name tokens (`/Name`) in raw PDF syntax, the way a PDF reader tokenises them: a
 * name runs until whitespace or a delimiter, and `#xx` is a hex-escaped byte, so
 * `/J#61vaScript` IS `/JavaScript` to Acrobat and pdf.js and must be to us too. Names are
 * case-sensitive (`/javascript` is a different, meaningless name).
 */
import { someAnchor } from "./byte-scan";

const SLASH = 0x2f;
const HASH = 0x23;

/** PDF whitespace (NUL, tab, LF, FF, CR, space) and delimiters ( ) < > [ ] { } / %: where a name ends. */
const endsName = new Uint8Array(256);
for (const byte of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20, 0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) endsName[byte] = 1;

const hexValue = (byte: number): number => {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
};

/**
 * Whether any of `names` (plain ASCII, as a reader decodes them) appears as a name token.
 * Costs one table look-up per "/" whose next byte cannot start any of the names.
 */
export function containsPdfName(bytes: Buffer, names: readonly string[]): boolean {
  const wanted = new Set(names);
  const longest = Math.max(...names.map((name) => name.length));
  // Every byte may be written as #xx: three bytes each at most.
  const longestRaw = longest * 3;
  const firstBytes = new Uint8Array(256);
  firstBytes[HASH] = 1;
  for (const name of names) firstBytes[name.charCodeAt(0)] = 1;

  return someAnchor(bytes, SLASH, (slash) => {
    const start = slash + 1;
    if (start >= bytes.length || firstBytes[bytes[start]!] !== 1) return false;
    const name = readName(bytes, start, longestRaw);
    return name !== null && wanted.has(name);
  });
}

/** The decoded name starting at `start`, or null when longer than `maxRaw` bytes (so not one we look for). */
function readName(bytes: Buffer, start: number, maxRaw: number): string | null {
  let decoded = "";
  let i = start;
  while (i < bytes.length && endsName[bytes[i]!] !== 1) {
    if (i - start >= maxRaw) return null;
    const byte = bytes[i]!;
    if (byte === HASH && i + 2 < bytes.length) {
      const high = hexValue(bytes[i + 1]!);
      const low = hexValue(bytes[i + 2]!);
      if (high >= 0 && low >= 0) {
        decoded += String.fromCharCode(high * 16 + low);
        i += 3;
        continue;
      }
    }
    decoded += String.fromCharCode(byte);
    i++;
  }
  return decoded;
}
