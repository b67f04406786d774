/**
 * One-time recovery codes of two-step sign-in.
 *
 * A code is 80 random bits written as 16 characters of Crockford's base32 (digits and
 * lower-case letters without i, l, o, u), shown as `xxxx-xxxx-xxxx-xxxx`. Only a SHA-256 of
 * the normalised code, bound to the user id, is stored. A slow hash (argon2) protects
 * low-entropy secrets such as passwords against offline guessing; against 2^80 equally
 * likely codes guessing is hopeless either way, and the fast hash lets the code be found
 * with one indexed lookup (and spent atomically) instead of ten argon2 verifications per
 * attempt. Online guessing is held by the sign-in limits.
 */
import { createHash, randomBytes } from "node:crypto";

export const RECOVERY_CODE_COUNT = 10;
const CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";
const CODE_LENGTH = 16; // 16 × 5 bits = the 80 random bits of 10 bytes

export function generateRecoveryCode(): string {
  const bytes = randomBytes(10);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let code = "";
  for (let i = CODE_LENGTH - 1; i >= 0; i--) code += CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)];
  return formatRecoveryCode(code);
}

export function generateRecoveryCodes(count: number = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(generateRecoveryCode());
  return [...codes];
}

function formatRecoveryCode(normalized: string): string {
  return normalized.match(/.{4}/g)!.join("-");
}

/**
 * The canonical form of what someone typed, or null when it cannot be a recovery code:
 * case, spaces and hyphens are ignored, and the letters Crockford reads as digits (o → 0,
 * i and l → 1) are mapped.
 */
export function normalizeRecoveryCode(input: string): string | null {
  const clean = input
    .toLowerCase()
    .replace(/[\s-]/g, "")
    .replace(/o/g, "0")
    .replace(/[il]/g, "1");
  return new RegExp(`^[${CROCKFORD}]{${CODE_LENGTH}}$`).test(clean) ? clean : null;
}

/** What is stored: SHA-256 over a label, the user id and the normalised code (hex). */
export function hashRecoveryCode(userId: string, normalized: string): string {
  return createHash("sha256").update("concierge-recovery-code\0").update(userId).update("\0").update(normalized).digest("hex");
}

export type SecondFactorInput = { kind: "totp"; code: string } | { kind: "recovery_code"; normalized: string };

/** Tells an authenticator code (6 digits, spaces allowed) from a recovery code. */
export function parseSecondFactor(input: string): SecondFactorInput | null {
  const compact = input.replace(/\s/g, "");
  if (/^\d{6}$/.test(compact)) return { kind: "totp", code: compact };
  const normalized = normalizeRecoveryCode(input);
  return normalized ? { kind: "recovery_code", normalized } : null;
}
