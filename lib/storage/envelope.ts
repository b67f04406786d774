/**
 * Encryption at rest for the local driver: AES-256-GCM, one random 12-byte nonce per
 * object. Layout of a stored file (all integers big-endian, sizes in bytes):
 *
 *   offset  size  field
 *   0       4     magic "CDOC"
 *   4       1     format version (1)
 *   5       4     key id: first 4 bytes of SHA-256("concierge-storage-key\0" ‖ key)
 *   9       12    nonce (random per object, never reused)
 *   21      n     ciphertext (same length as the plaintext)
 *   21+n    16    GCM authentication tag
 *
 * The associated data is the 21-byte header followed by the storage key (UTF-8), so the
 * header cannot be altered and a file moved to another key's path fails to decrypt.
 * Written by hand over node:crypto because the whole job is one AEAD call; see
 * docs/storage.md.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { DocumentIntegrityError } from "./storage-errors";

const MAGIC = Buffer.from("CDOC", "ascii");
const VERSION = 1;
const KEY_ID_LENGTH = 4;
const NONCE_LENGTH = 12;
const TAG_LENGTH = 16;
export const HEADER_LENGTH = MAGIC.length + 1 + KEY_ID_LENGTH + NONCE_LENGTH; // 21
export const ENVELOPE_OVERHEAD = HEADER_LENGTH + TAG_LENGTH; // 37

function assertKey(key: Buffer): void {
  if (key.length !== 32) throw new Error("The storage encryption key must be 32 bytes");
}

/** Identifies the key without revealing it, so a wrong key is told apart from tampering. */
export function storageKeyId(key: Buffer): Buffer {
  return createHash("sha256").update("concierge-storage-key\0").update(key).digest().subarray(0, KEY_ID_LENGTH);
}

function associatedData(header: Buffer, storageKey: string): Buffer {
  return Buffer.concat([header, Buffer.from(storageKey, "utf8")]);
}

export function sealDocument(key: Buffer, storageKey: string, plaintext: Uint8Array): Buffer {
  assertKey(key);
  const nonce = randomBytes(NONCE_LENGTH);
  const header = Buffer.concat([MAGIC, Buffer.of(VERSION), storageKeyId(key), nonce]);
  const cipher = createCipheriv("aes-256-gcm", key, nonce, { authTagLength: TAG_LENGTH });
  cipher.setAAD(associatedData(header, storageKey));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

/**
 * ⚠ Returns bytes only after the authentication tag has been verified over the whole
 * object; any mismatch throws DocumentIntegrityError and nothing partial escapes.
 */
export function openDocument(key: Buffer, storageKey: string, sealed: Buffer): Buffer {
  assertKey(key);
  if (sealed.length < ENVELOPE_OVERHEAD || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new DocumentIntegrityError("Stored document is not in the encrypted format", storageKey);
  }
  const version = sealed[MAGIC.length];
  if (version !== VERSION) {
    throw new DocumentIntegrityError(`Stored document has unsupported format version ${version}`, storageKey);
  }
  const header = sealed.subarray(0, HEADER_LENGTH);
  const keyId = header.subarray(MAGIC.length + 1, MAGIC.length + 1 + KEY_ID_LENGTH);
  if (!keyId.equals(storageKeyId(key))) {
    throw new DocumentIntegrityError(
      "Stored document was encrypted with a different key (was STORAGE_ENCRYPTION_KEY or DATA_DIR/storage-key changed?)",
      storageKey,
    );
  }
  const nonce = header.subarray(HEADER_LENGTH - NONCE_LENGTH);
  const body = sealed.subarray(HEADER_LENGTH, sealed.length - TAG_LENGTH);
  const tag = sealed.subarray(sealed.length - TAG_LENGTH);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, nonce, { authTagLength: TAG_LENGTH });
    decipher.setAAD(associatedData(header, storageKey));
    decipher.setAuthTag(tag);
    const plaintext = decipher.update(body);
    return Buffer.concat([plaintext, decipher.final()]);
  } catch (error) {
    throw new DocumentIntegrityError("Stored document failed authentication (tampered or corrupt)", storageKey, { cause: error });
  }
}
