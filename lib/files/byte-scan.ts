/**
 * Shared machinery for searching an upload's raw bytes (up to the 20 MB upload limit) for
 * short ASCII patterns, fast and without copying.
 *
 * Approach: jump between occurrences of one "anchor" byte with Buffer#indexOf (native,
 * memchr-speed), and only there compare the pattern in JavaScript. In compressed data (JPEG
 * scans, deflate streams) any given byte turns up about once every 256 bytes, so 20 MB costs
 * about 80,000 hops: ~7 ms for the whole markup scan on this machine. Lower-casing a copy of
 * the file first and searching that was ~20× slower (~135–155 ms).
 *
 * A crafted file made almost entirely of the anchor byte would turn that into millions of
 * native calls (over a second); once hits come denser than one per DENSE_AFTER bytes we
 * finish with a plain loop instead, which stays linear: 0.1–0.3 s for 20 MB crafted to be
 * nothing but near-misses ("<s<s<s…"), about what decoding a photo costs. Never quadratic.
 */

/** Below this average distance between hits, a JavaScript loop beats repeated indexOf calls. */
const DENSE_AFTER = 64;
/** Hits allowed before judging density, so short files never switch. */
const MIN_HITS_BEFORE_SWITCH = 1024;

/** `bytes` as a Buffer over the same memory (no copy), for the native indexOf. */
export const asBuffer = (bytes: Uint8Array): Buffer => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

/**
 * Calls `found(position)` for each occurrence of `anchor` in order, until it returns true.
 * Answers whether any call returned true.
 */
export function someAnchor(bytes: Buffer, anchor: number, found: (position: number) => boolean): boolean {
  const length = bytes.length;
  let position = bytes.indexOf(anchor);
  let hits = 0;
  while (position !== -1) {
    if (found(position)) return true;
    hits++;
    if (hits > MIN_HITS_BEFORE_SWITCH && hits * DENSE_AFTER > position) {
      for (let i = position + 1; i < length; i++) if (bytes[i] === anchor && found(i)) return true;
      return false;
    }
    position = bytes.indexOf(anchor, position + 1);
  }
  return false;
}

/** ASCII lower case of every byte value (other bytes unchanged): a table beats arithmetic in the hot loop. */
export const asciiLower: Uint8Array = (() => {
  const table = new Uint8Array(256);
  for (let i = 0; i < 256; i++) table[i] = i >= 0x41 && i <= 0x5a ? i | 0x20 : i;
  return table;
})();

/**
 * Whether `pattern` (lower-case ASCII bytes) occurs at `position`, ignoring ASCII case.
 * Bytes before `from` are taken as already compared.
 */
export function matchesFoldedAt(bytes: Buffer, position: number, pattern: Uint8Array, from = 0): boolean {
  const end = position + pattern.length;
  if (position < 0 || end > bytes.length) return false;
  for (let k = from, i = position + from; i < end; k++, i++) if (asciiLower[bytes[i]!] !== pattern[k]) return false;
  return true;
}

export const latin1 = (text: string): Uint8Array => Buffer.from(text, "latin1");
