/** How much of the member's latest message the queue shows (the same rule as list-queue-tickets.ts). */
export const queuePreviewLength = 120;

/**
 * The body with each run of white space made one space, trimmed, cut to its first 120
 * characters (code points: an emoji is never split) with "…" when cut. It runs for every row
 * of every queue page, so it counts code points up to the cut instead of turning the whole
 * body into an array of them; queue-preview.test.ts checks it against that plain form.
 */
export function toQueuePreview(body: string): string {
  const text = body.replace(/\s+/g, " ").trim();
  // A code point is one or two UTF-16 units: at most 120 units is at most 120 code points.
  if (text.length <= queuePreviewLength) return text;
  let end = 0;
  for (let n = 0; n < queuePreviewLength; n++) {
    if (end >= text.length) return text;
    end += isSurrogatePairAt(text, end) ? 2 : 1;
  }
  return end >= text.length ? text : `${text.slice(0, end).trimEnd()}…`;
}

/** A high surrogate followed by a low one: one code point (a lone surrogate counts alone, as the string iterator does). */
function isSurrogatePairAt(text: string, i: number): boolean {
  const high = text.charCodeAt(i);
  if (high < 0xd800 || high > 0xdbff || i + 1 >= text.length) return false;
  const low = text.charCodeAt(i + 1);
  return low >= 0xdc00 && low <= 0xdfff;
}
