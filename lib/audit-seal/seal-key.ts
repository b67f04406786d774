/**
 * The key of the audit chain (docs/audit.md "Keys"): seals are HMAC-SHA-256 under it and every
 * anchor carries a MAC under a key derived from it. ⚠ SECURITY: the database must never hold
 * it — whoever holds the database and the key can rewrite the chain undetectably (the anchors
 * outside the database still show a rewrite of anything they cover).
 *
 * AUDIT_SEAL_KEY (base64 of 32 bytes, validated in lib/env.ts) wins. Without it, in demo mode
 * or outside production, a random key is generated once into DATA_DIR/audit-seal-key (mode
 * 0600), like the MFA and storage keys (lib/storage/key-file.ts). In production outside demo
 * mode it is required: sealing and verification throw AuditSealKeyMissingError (the sealer
 * logs it and seals nothing; rows stay protected by the triggers only).
 */
import { createHmac } from "node:crypto";
import { getEnv } from "../env";
import { decodeKey, loadOrCreateKeyFile } from "../storage/key-file";

export const AUDIT_SEAL_KEY_FILE_NAME = "audit-seal-key";

export class AuditSealKeyMissingError extends Error {
  constructor() {
    super("AUDIT_SEAL_KEY is required in production (outside demo mode) to seal and verify the audit chain");
    this.name = "AuditSealKeyMissingError";
  }
}

export type AuditSealKeys = {
  /** HMAC key of the seals (version 2). */
  seal: Buffer;
  /** HMAC key of the anchors: derived, so an anchor MAC can never be replayed as a seal. */
  anchor: Buffer;
};

let cached: AuditSealKeys | undefined;

function derive(key: Buffer, label: string): Buffer {
  return createHmac("sha256", key).update(label, "utf8").digest();
}

export function getAuditSealKeys(): AuditSealKeys {
  if (cached) return cached;
  const env = getEnv();
  let key: Buffer;
  if (env.AUDIT_SEAL_KEY) {
    const decoded = decodeKey(env.AUDIT_SEAL_KEY);
    if (!decoded) throw new Error("AUDIT_SEAL_KEY must be the base64 of 32 bytes");
    key = decoded;
  } else if (!env.DEMO_MODE && env.NODE_ENV === "production") {
    throw new AuditSealKeyMissingError();
  } else {
    key = loadOrCreateKeyFile(env.DATA_DIR, AUDIT_SEAL_KEY_FILE_NAME, "AUDIT_SEAL_KEY");
  }
  return (cached = { seal: derive(key, "concierge-audit-seal"), anchor: derive(key, "concierge-audit-anchor") });
}
