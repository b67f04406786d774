/**
 * API key format and hashing. Keys look like `cnc_<prefix>_<secret>`: the prefix finds the
 * client's row, and only a SHA-256 of the whole key is stored (keys carry 32 random bytes,
 * so a slow hash adds nothing).
 */
import { createHash } from "node:crypto";

export const apiKeyPattern = /^cnc_([A-Za-z0-9]{8,32})_([A-Za-z0-9_-]{20,128})$/;

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}
