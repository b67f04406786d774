/**
 * The key of the local driver's encryption at rest. STORAGE_ENCRYPTION_KEY (base64 of 32
 * bytes, validated in lib/env.ts) wins. Without it, in demo mode or outside production, a
 * random key is generated once and kept in DATA_DIR/storage-key (mode 0600), as
 * lib/auth/secret.ts does for the session secret, so documents survive a restart. In
 * production outside demo mode lib/env.ts already refuses to start without the variable.
 */
import { getEnv } from "../env";
import { decodeKey, loadOrCreateKeyFile } from "./key-file";

export const KEY_FILE_NAME = "storage-key";

let cached: Buffer | undefined;

export function getStorageEncryptionKey(): Buffer {
  if (cached) return cached;
  const env = getEnv();
  if (env.STORAGE_ENCRYPTION_KEY) {
    const key = decodeKey(env.STORAGE_ENCRYPTION_KEY);
    if (!key) throw new Error("STORAGE_ENCRYPTION_KEY must be the base64 of 32 bytes");
    return (cached = key);
  }
  if (!env.DEMO_MODE && env.NODE_ENV === "production") {
    throw new Error("STORAGE_ENCRYPTION_KEY is required in production (outside demo mode) with STORAGE_DRIVER=local");
  }
  return (cached = loadOrCreateKeyFile(env.DATA_DIR, KEY_FILE_NAME, "STORAGE_ENCRYPTION_KEY"));
}
