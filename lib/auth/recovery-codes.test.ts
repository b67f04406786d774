import { describe, expect, it } from "vitest";
import { generateRecoveryCode, generateRecoveryCodes, hashRecoveryCode, normalizeRecoveryCode, parseSecondFactor, RECOVERY_CODE_COUNT } from "./recovery-codes";

describe("recovery codes", () => {
  it("are 16 Crockford base32 characters (80 bits) in groups of four", () => {
    for (let i = 0; i < 200; i++) expect(generateRecoveryCode()).toMatch(/^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}$/);
  });

  it("come ten at a time, all different", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
  });

  it("are read as typed: case, spaces, hyphens and look-alike letters", () => {
    expect(normalizeRecoveryCode("ABCD-EFGH-JKMN-PQRS")).toBe("abcdefghjkmnpqrs");
    expect(normalizeRecoveryCode(" abcd efgh jkmn pqrs ")).toBe("abcdefghjkmnpqrs");
    expect(normalizeRecoveryCode("o0il-1111-2222-3333")).toBe("0011111122223333");
    expect(normalizeRecoveryCode("abcd-efgh-jkmn-pqr")).toBeNull(); // too short
    expect(normalizeRecoveryCode("abcd-efgh-jkmn-pqru")).toBeNull(); // u is not Crockford
    expect(normalizeRecoveryCode("")).toBeNull();
  });

  it("are hashed per user: the same code of two users gives two hashes", () => {
    const code = normalizeRecoveryCode(generateRecoveryCode())!;
    const a = hashRecoveryCode("00000000-0000-7000-8000-000000000001", code);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode("00000000-0000-7000-8000-000000000001", code)).toBe(a);
    expect(hashRecoveryCode("00000000-0000-7000-8000-000000000002", code)).not.toBe(a);
  });
});

describe("parseSecondFactor", () => {
  it("tells an authenticator code from a recovery code", () => {
    expect(parseSecondFactor("123456")).toEqual({ kind: "totp", code: "123456" });
    expect(parseSecondFactor(" 123 456 ")).toEqual({ kind: "totp", code: "123456" });
    expect(parseSecondFactor("abcd-efgh-jkmn-pqrs")).toEqual({ kind: "recovery_code", normalized: "abcdefghjkmnpqrs" });
    expect(parseSecondFactor("12345")).toBeNull();
    expect(parseSecondFactor("password")).toBeNull();
  });
});
