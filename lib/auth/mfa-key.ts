/**
 * The key that seals TOTP secrets at rest (lib/auth/mfa-secret.ts). MFA_ENCRYPTION_KEY
 * (base64 of 32 bytes, validated in lib/env.ts) wins. Without it, in demo mode or outside
 * production, a random key is generated once into DATA_DIR/mfa-key (mode 0600), as
 * lib/storage/encryption-key.ts does for documents, so enrolments survive a restart.
 *
 * In production outside demo mode the variable is required: without it every use of
 * two-step sign-in throws MfaNotConfiguredError (enrolment answers 503, a code cannot be
 * checked, recovery codes still work). It is a key of its own — not STORAGE_ENCRYPTION_KEY
 * (absent with the S3 driver, and a different blast radius) nor AUTH_SECRET (rotating the
 * session secret must not make every authenticator useless).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getEnv } from "../env";
import { decodeStorageEncryptionKey } from "../storage/encryption-key";

export const MFA_KEY_FILE_NAME = "mfa-key";

export class MfaNotConfiguredError extends Error {
  constructor() {
    super("MFA_ENCRYPTION_KEY is required in production (outside demo mode) for two-step sign-in");
    this.name = "MfaNotConfiguredError";
  }
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
  // ⚠ Never replace an unreadable key file: every sealed secret would become unreadable.
  if (!key) throw new Error(`${file} does not hold a base64-encoded 32-byte key; restore it or set MFA_ENCRYPTION_KEY`);
  return key;
}

let cached: Buffer | undefined;

export function getMfaEncryptionKey(): Buffer {
  if (cached) return cached;
  const env = getEnv();
  if (env.MFA_ENCRYPTION_KEY) {
    const key = decodeStorageEncryptionKey(env.MFA_ENCRYPTION_KEY);
    if (!key) throw new Error("MFA_ENCRYPTION_KEY must be the base64 of 32 bytes");
    return (cached = key);
  }
  if (!env.DEMO_MODE && env.NODE_ENV === "production") throw new MfaNotConfiguredError();
  const file = path.resolve(env.DATA_DIR, MFA_KEY_FILE_NAME);
  let key = readKeyFile(file);
  if (!key) {
    mkdirSync(path.dirname(file), { recursive: true });
    // Whole temp file, then link(): fails if the name exists, so concurrent starts agree.
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
