/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP), with node:crypto only.
 *
 * What the app uses: HMAC-SHA-1, 6 digits, 30-second steps — what every authenticator app
 * reads from an otpauth:// URI — and a window of one step either side for clock drift.
 * SHA-256/512 and 8 digits exist only so the RFC's own test vectors can be checked.
 *
 * Replay: matchTotp() returns the matched time step; the caller stores the last accepted
 * step and passes it back, so a code (or any code of an earlier step) is accepted at most
 * once per user.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of the current one. */
export const TOTP_WINDOW = 1;
/** 160 bits, the HMAC-SHA-1 block-friendly length RFC 4226 recommends. */
export const TOTP_SECRET_BYTES = 20;

export type TotpAlgorithm = "sha1" | "sha256" | "sha512";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32, upper case, without padding (as otpauth:// URIs carry it). */
export function base32Encode(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/** Reads base32 as people type it: any case, spaces, hyphens and padding ignored. */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, "");
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = BASE32.indexOf(char);
    if (value < 0) throw new Error("not base32");
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 255);
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  return Buffer.from(out);
}

/** RFC 4226: HMAC over the 8-byte big-endian counter, dynamic truncation, modulo 10^digits. */
export function hotp(secret: Uint8Array, counter: number, digits: number = TOTP_DIGITS, algorithm: TotpAlgorithm = "sha1"): string {
  if (!Number.isSafeInteger(counter) || counter < 0) throw new Error("counter must be a non-negative integer");
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

/** The RFC 6238 time step (T) of a moment, in milliseconds since the epoch. */
export function totpStep(nowMs: number, periodSeconds: number = TOTP_PERIOD_SECONDS): number {
  return Math.floor(nowMs / 1000 / periodSeconds);
}

export function totp(secret: Uint8Array, nowMs: number, digits: number = TOTP_DIGITS, algorithm: TotpAlgorithm = "sha1"): string {
  return hotp(secret, totpStep(nowMs), digits, algorithm);
}

/**
 * The time step whose code `code` is, within ±TOTP_WINDOW of now and strictly after
 * `lastAcceptedStep`; null when none matches. Every candidate is compared in constant time.
 */
export function matchTotp(secret: Uint8Array, code: string, nowMs: number, lastAcceptedStep: number | null): number | null {
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(code)) return null;
  const given = Buffer.from(code, "ascii");
  const current = totpStep(nowMs);
  let matched: number | null = null;
  for (let step = current - TOTP_WINDOW; step <= current + TOTP_WINDOW; step++) {
    if (step < 0) continue;
    const equal = timingSafeEqual(Buffer.from(hotp(secret, step), "ascii"), given);
    if (equal && matched === null && (lastAcceptedStep === null || step > lastAcceptedStep)) matched = step;
  }
  return matched;
}

export function generateTotpSecret(): Buffer {
  return randomBytes(TOTP_SECRET_BYTES);
}

/** The secret as people copy it: base32 in groups of four. */
export function groupBase32(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

/**
 * The Key URI Format authenticator apps read (otpauth://totp/Issuer:account?…). Parameters
 * that equal the defaults are still written, so no app has to guess.
 */
export function otpauthUri({ secret, issuer, account }: { secret: Uint8Array; issuer: string; account: string }): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const params = new URLSearchParams({
    secret: base32Encode(secret),
    issuer,
    algorithm: "SHA1",
    digits: String(TOTP_DIGITS),
    period: String(TOTP_PERIOD_SECONDS),
  });
  return `otpauth://totp/${label}?${params.toString()}`;
}
