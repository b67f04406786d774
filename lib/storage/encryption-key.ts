/**
 * The key of the local driver's encryption at rest. STORAGE_ENCRYPTION_KEY (base64 of 32
 * bytes, validated in lib/env.ts) wins. Without it, in demo mode or outside production, a
 * random key is generated once and kept in DATA_DIR/storage-key (mode 0600), as
 * lib/auth/secret.ts does for the session secret, so documents survive a restart. In
 * production outside demo mode lib/env.ts already refuses to start without the variable.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getEnv } from "../env";

export const KEY_FILE_NAME = "storage-key";

export function decodeStorageEncryptionKey(value: string): Buffer | null {
  const trimmed = value.trim();
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) return null;
  // Node's base64 decoder reads the URL-safe alphabet too.
  const key = Buffer.from(trimmed, "base64");
  return key.length === 32 ? key : null;
}

function readKeyFile(file: string): Buffer | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const key = decodeStorageEncryptionKey(text);
  // ⚠ Never replace an unreadable key file with a fresh key: every document written with
  // the old key would become unreadable without anyone noticing.
  if (!key) throw new Error(`${file} does not hold a base64-encoded 32-byte key; restore it or set STORAGE_ENCRYPTION_KEY`);
  return key;
}

let cached: Buffer | undefined;

export function getStorageEncryptionKey(): Buffer {
  if (cached) return cached;
  const env = getEnv();
  if (env.STORAGE_ENCRYPTION_KEY) {
    const key = decodeStorageEncryptionKey(env.STORAGE_ENCRYPTION_KEY);
    if (!key) throw new Error("STORAGE_ENCRYPTION_KEY must be the base64 of 32 bytes");
    return (cached = key);
  }
  if (!env.DEMO_MODE && env.NODE_ENV === "production") {
    throw new Error("STORAGE_ENCRYPTION_KEY is required in production (outside demo mode) with STORAGE_DRIVER=local");
  }
  const file = path.resolve(env.DATA_DIR, KEY_FILE_NAME);
  let key = readKeyFile(file);
  if (!key) {
    mkdirSync(path.dirname(file), { recursive: true });
    // Written whole to a temp file, then hard-linked into place: link() fails if the name
    // exists, so when two processes start at once one key wins and neither ever reads a
    // half-written file.
    const temp = `${file}.${randomUUID()}.tmp`;
    writeFileSync(temp, randomBytes(32).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
    try {
      linkSync(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      rmSync(temp, { force: true });
    }
    key = readKeyFile(file);
    if (!key) throw new Error(`Could not create ${file}`);
  }
  return (cached = key);
}
