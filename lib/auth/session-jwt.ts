/**
 * ⚠ SECURITY: decrypts a session cookie exactly as next-auth 4's `decode()` does — JWE
 * compact, `dir` + A256GCM, key = HKDF-SHA256(AUTH_SECRET, salt "", info "NextAuth.js
 * Generated Encryption Key", 32 bytes), `exp` checked with 15 s of clock tolerance — with one
 * difference: the key is derived once per secret and kept, instead of on every call.
 *
 * Why: next-auth derives the key anew per request, through Node's asynchronous HKDF (a
 * thread-pool round trip); that was about 6% of the CPU of an authenticated request
 * (docs/performance.md, "CPU per request"). The key depends on the secret alone, so keeping
 * it changes no check: the same tokens decode, the same ones are refused
 * (lib/auth/session-jwt.test.ts compares both on real and forged tokens).
 *
 * Cookies are still written by next-auth (its encode()); this only reads them.
 */
import { hkdfSync } from "node:crypto";
import { jwtDecrypt, type JWTPayload } from "jose";

/** next-auth's own constants (next-auth/jwt: getDerivedEncryptionKey, decode). */
const INFO = "NextAuth.js Generated Encryption Key";
const CLOCK_TOLERANCE_SECONDS = 15;

let derived: { secret: string; key: Uint8Array } | null = null;

function encryptionKey(secret: string): Uint8Array {
  if (derived?.secret !== secret) {
    derived = { secret, key: new Uint8Array(hkdfSync("sha256", secret, "", INFO, 32)) };
  }
  return derived.key;
}

/** The token's payload, or null when it does not decrypt, is malformed or has expired. */
export async function decodeSessionJwt(token: string | null | undefined, secret: string): Promise<JWTPayload | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtDecrypt(token, encryptionKey(secret), {
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      // What next-auth writes; anything else (another algorithm, a compressed body) is not ours.
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256GCM"],
    });
    return payload;
  } catch {
    return null;
  }
}
