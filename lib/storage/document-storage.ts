/**
 * Document storage behind one interface (DESIGN.md §1, docs/storage.md). STORAGE_DRIVER
 * picks the driver: `local` (embedded default, DATA_DIR/documents, AES-256-GCM at rest) or
 * `s3` (any S3-compatible store, server-side encryption). One instance per process.
 */
import path from "node:path";
import { getEnv } from "../env";
import { getStorageEncryptionKey } from "./encryption-key";
import { createLocalStorage } from "./local-storage";
import { createS3Storage } from "./s3-storage";
import type { DocumentStorage } from "./storage-types";

export type { DocumentStorage, PutOptions, StorageHealth } from "./storage-types";
export { newStorageKey, isValidStorageKey, assertValidStorageKey } from "./storage-key";
export { DocumentIntegrityError, DocumentNotFoundError, isDocumentNotFound } from "./storage-errors";

let cached: DocumentStorage | undefined;

export function getDocumentStorage(): DocumentStorage {
  if (cached) return cached;
  const env = getEnv();
  if (env.STORAGE_DRIVER === "s3") {
    // lib/env.ts already refuses STORAGE_DRIVER=s3 without S3_BUCKET.
    if (!env.S3_BUCKET) throw new Error("S3_BUCKET is required when STORAGE_DRIVER=s3");
    cached = createS3Storage({
      bucket: env.S3_BUCKET,
      region: env.S3_REGION,
      endpoint: env.S3_ENDPOINT,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
      accessKeyId: env.S3_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY,
      sse: env.S3_SSE,
    });
  } else {
    cached = createLocalStorage(path.resolve(env.DATA_DIR, "documents"), getStorageEncryptionKey);
  }
  return cached;
}
