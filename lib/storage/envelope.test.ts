import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ENVELOPE_OVERHEAD, HEADER_LENGTH, openDocument, sealDocument, storageKeyId } from "./envelope";
import { DocumentIntegrityError } from "./storage-errors";

const key = randomBytes(32);
const storageKey = "documents/2031/02/6f1f7f5e-0c7b-4a57-9d0e-2f3a4b5c6d7e";
const plaintext = Buffer.from("%PDF-1.7 member lab results, not for anyone else");

function expectIntegrityError(fn: () => unknown, message?: RegExp) {
  let thrown: unknown;
  let result: unknown;
  try {
    result = fn();
  } catch (error) {
    thrown = error;
  }
  expect(result).toBeUndefined();
  expect(thrown).toBeInstanceOf(DocumentIntegrityError);
  if (message) expect((thrown as Error).message).toMatch(message);
}

describe("encryption at rest (AES-256-GCM envelope)", () => {
  it("round-trips, with a 21-byte header and a 16-byte tag", () => {
    const sealed = sealDocument(key, storageKey, plaintext);
    expect(sealed.length).toBe(plaintext.length + ENVELOPE_OVERHEAD);
    expect(HEADER_LENGTH).toBe(21);
    expect(sealed.subarray(0, 4).toString("ascii")).toBe("CDOC");
    expect(sealed[4]).toBe(1);
    expect(sealed.subarray(5, 9).equals(storageKeyId(key))).toBe(true);
    expect(sealed.includes(Buffer.from("lab results"))).toBe(false);
    expect(openDocument(key, storageKey, sealed).equals(plaintext)).toBe(true);
  });

  it("round-trips an empty document and every byte value", () => {
    expect(openDocument(key, storageKey, sealDocument(key, storageKey, Buffer.alloc(0))).length).toBe(0);
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    expect(openDocument(key, storageKey, sealDocument(key, storageKey, all)).equals(all)).toBe(true);
  });

  it("encrypts the same bytes differently each time (fresh nonce)", () => {
    const a = sealDocument(key, storageKey, plaintext);
    const b = sealDocument(key, storageKey, plaintext);
    expect(a.equals(b)).toBe(false);
    expect(a.subarray(9, 21).equals(b.subarray(9, 21))).toBe(false);
    expect(a.subarray(HEADER_LENGTH).equals(b.subarray(HEADER_LENGTH))).toBe(false);
  });

  it("fails on a flipped bit anywhere (magic, version, key id, nonce, ciphertext, tag)", () => {
    const sealed = sealDocument(key, storageKey, plaintext);
    for (let i = 0; i < sealed.length; i++) {
      const tampered = Buffer.from(sealed);
      tampered[i] = tampered[i]! ^ 0x01;
      expectIntegrityError(() => openDocument(key, storageKey, tampered));
    }
  });

  it("fails when truncated or extended", () => {
    const sealed = sealDocument(key, storageKey, plaintext);
    expectIntegrityError(() => openDocument(key, storageKey, sealed.subarray(0, sealed.length - 1)));
    expectIntegrityError(() => openDocument(key, storageKey, sealed.subarray(0, ENVELOPE_OVERHEAD - 1)));
    expectIntegrityError(() => openDocument(key, storageKey, Buffer.concat([sealed, Buffer.of(0)])));
    expectIntegrityError(() => openDocument(key, storageKey, Buffer.alloc(0)), /not in the encrypted format/);
  });

  it("fails on a plaintext file and on an unknown version", () => {
    expectIntegrityError(() => openDocument(key, storageKey, Buffer.concat([plaintext, Buffer.alloc(64)])), /not in the encrypted format/);
    const sealed = sealDocument(key, storageKey, plaintext);
    sealed[4] = 2;
    expectIntegrityError(() => openDocument(key, storageKey, sealed), /version 2/);
  });

  it("fails with another key, and says so", () => {
    const sealed = sealDocument(key, storageKey, plaintext);
    expectIntegrityError(() => openDocument(randomBytes(32), storageKey, sealed), /different key/);
  });

  it("is bound to its storage key: a file moved to another key's path fails", () => {
    const sealed = sealDocument(key, storageKey, plaintext);
    expectIntegrityError(() => openDocument(key, "documents/2031/02/another", sealed), /failed authentication/);
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(() => sealDocument(randomBytes(16), storageKey, plaintext)).toThrow(/32 bytes/);
  });
});
