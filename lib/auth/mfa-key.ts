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
import { getEnv } from "../env";
import { decodeKey, loadOrCreateKeyFile } from "../storage/key-file";

export const MFA_KEY_FILE_NAME = "mfa-key";

export class MfaNotConfiguredError extends Error {
  constructor() {
    super("MFA_ENCRYPTION_KEY is required in production (outside demo mode) for two-step sign-in");
    this.name = "MfaNotConfiguredError";
  }
}

let cached: Buffer | undefined;

export function getMfaEncryptionKey(): Buffer {
  if (cached) return cached;
  const env = getEnv();
  if (env.MFA_ENCRYPTION_KEY) {
    const key = decodeKey(env.MFA_ENCRYPTION_KEY);
    if (!key) throw new Error("MFA_ENCRYPTION_KEY must be the base64 of 32 bytes");
    return (cached = key);
  }
  if (!env.DEMO_MODE && env.NODE_ENV === "production") throw new MfaNotConfiguredError();
  return (cached = loadOrCreateKeyFile(env.DATA_DIR, MFA_KEY_FILE_NAME, "MFA_ENCRYPTION_KEY"));
}
