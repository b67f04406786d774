/**
 * ⚠ SECURITY: a new API key, `cnc_<prefix>_<secret>` (lib/auth/api-key.ts): the prefix
 * (6 random bytes, hex) finds the client's row, the secret is 32 random bytes
 * (base64url). Only the SHA-256 of the whole key is stored — the format
 * unsafeLoadApiClientActor checks — and the key itself is shown once.
 */
import { randomBytes } from "node:crypto";
import { apiKeyPattern, hashApiKey } from "../../auth/api-key";

export type NewApiKey = { key: string; prefix: string; hash: string };

export function newApiKey(): NewApiKey {
  const prefix = randomBytes(6).toString("hex");
  const key = `cnc_${prefix}_${randomBytes(32).toString("base64url")}`;
  // A format drift here would issue keys that can never authenticate.
  if (!apiKeyPattern.test(key)) throw new Error("generated API key does not match the key format");
  return { key, prefix, hash: hashApiKey(key) };
}
