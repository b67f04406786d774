export type StorageHealth = "ok" | "unavailable";

export type PutOptions = { contentType: string };

/**
 * One interface, two drivers (DESIGN.md §1): the local directory under DATA_DIR
 * (embedded default, encrypted at rest) and any S3-compatible store. Keys come from
 * newStorageKey() and are validated by every method (storage-key.ts).
 */
export type DocumentStorage = {
  kind: "local" | "s3";
  /** Stores the bytes under the key, replacing any object already there. */
  put(key: string, bytes: Uint8Array, options: PutOptions): Promise<void>;
  /** The exact bytes stored; DocumentNotFoundError when there is none. */
  get(key: string): Promise<Buffer>;
  /** Removes the object; deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Never throws: "unavailable" on any failure. */
  checkHealth(): Promise<StorageHealth>;
};

// A MIME type without parameters, e.g. "application/pdf", "image/jpeg". Callers pass the
// type found by sniffing magic bytes; anything else (CR/LF, parameters) is refused before it
// reaches a header.
const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

export function assertValidContentType(contentType: unknown): asserts contentType is string {
  if (typeof contentType !== "string" || !CONTENT_TYPE.test(contentType)) throw new Error("Invalid content type");
}
