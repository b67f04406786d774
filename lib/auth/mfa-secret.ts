/**
 * TOTP secrets at rest: sealed with the AES-256-GCM envelope of document storage
 * (lib/storage/envelope.ts: random nonce, key id, authentication tag) under
 * MFA_ENCRYPTION_KEY, with the user's id in the associated data — a sealed secret copied
 * to another user's row does not open.
 */
import { DocumentIntegrityError } from "../storage/storage-errors";
import { openDocument, sealDocument } from "../storage/envelope";
import { getMfaEncryptionKey } from "./mfa-key";

function associatedLabel(userId: string): string {
  return `mfa-totp-secret:${userId}`;
}

export function sealTotpSecret(userId: string, secret: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(sealDocument(getMfaEncryptionKey(), associatedLabel(userId), secret));
}

export class MfaSecretUnreadableError extends Error {
  constructor(options?: { cause?: unknown }) {
    super("A stored TOTP secret could not be opened (was MFA_ENCRYPTION_KEY or DATA_DIR/mfa-key changed?)", options);
    this.name = "MfaSecretUnreadableError";
  }
}

/** ⚠ Throws MfaSecretUnreadableError (never returns guessed bytes) when the seal does not verify. */
export function openTotpSecret(userId: string, sealed: Uint8Array): Buffer {
  try {
    return openDocument(getMfaEncryptionKey(), associatedLabel(userId), Buffer.from(sealed));
  } catch (error) {
    if (error instanceof DocumentIntegrityError) throw new MfaSecretUnreadableError({ cause: error });
    throw error;
  }
}
