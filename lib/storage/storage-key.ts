/**
 * Storage keys: where a document lives in document storage. A key is random and never
 * derived from a file name, a member or anything else a user controls (DESIGN.md §4
 * "Attachments"); the database row of the attachment is what ties it to a member.
 */
import { randomUUID } from "node:crypto";

const MAX_KEY_LENGTH = 256;
// Segments of lower-case letters, digits and hyphens, joined by single slashes: no dots
// (so no `..` and no temp-file suffixes), no leading, trailing or doubled slash.
const KEY_SHAPE = /^[a-z0-9-]+(\/[a-z0-9-]+)*$/;

/** `documents/<yyyy>/<mm>/<uuid v4>` (UTC). The date only spreads keys over prefixes. */
export function newStorageKey(now: Date = new Date()): string {
  const yyyy = String(now.getUTCFullYear()).padStart(4, "0");
  const mm = String(now.getUTCMonth() + 1).padStart(2, "0");
  return `documents/${yyyy}/${mm}/${randomUUID()}`;
}

export function isValidStorageKey(key: unknown): key is string {
  return (
    typeof key === "string" &&
    key.length > 0 &&
    key.length <= MAX_KEY_LENGTH &&
    !key.includes("..") &&
    !key.startsWith("/") &&
    KEY_SHAPE.test(key)
  );
}

/**
 * ⚠ Security-critical: the local driver turns a key into a file path and the S3 driver into
 * an object name. Every driver method calls this first, so a key that came from anywhere
 * else (a database row, a request) can never climb out of the storage root (`..`, a
 * leading `/`) or smuggle in characters a file system or URL treats specially. The
 * explicit `..` and `/` checks repeat what KEY_SHAPE already implies, on purpose: they must
 * survive any later loosening of the character set.
 */
export function assertValidStorageKey(key: unknown): asserts key is string {
  if (!isValidStorageKey(key)) throw new Error("Invalid storage key");
}
