// TOTP against the RFCs' own test vectors, plus the window and replay rules the app uses.
import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, groupBase32, hotp, matchTotp, otpauthUri, totp, totpStep, generateTotpSecret } from "./totp";

const ascii = (s: string) => Buffer.from(s, "ascii");
const sha1Seed = ascii("12345678901234567890");
const sha256Seed = ascii("12345678901234567890123456789012");
const sha512Seed = ascii("1234567890123456789012345678901234567890123456789012345678901234");

describe("base32 (RFC 4648 §10, without padding)", () => {
  it.each([
    ["", ""],
    ["f", "MY"],
    ["fo", "MZXQ"],
    ["foo", "MZXW6"],
    ["foob", "MZXW6YQ"],
    ["fooba", "MZXW6YTB"],
    ["foobar", "MZXW6YTBOI"],
  ])("%j ↔ %s", (plain, encoded) => {
    expect(base32Encode(ascii(plain))).toBe(encoded);
    expect(base32Decode(encoded).toString("ascii")).toBe(plain);
  });

  it("reads what people type: lower case, spaces, hyphens, padding", () => {
    expect(base32Decode("mzxw 6ytb-oi======").toString("ascii")).toBe("foobar");
    expect(() => base32Decode("MZXW1")).toThrow();
  });

  it("round-trips a real secret and groups it by four", () => {
    const secret = generateTotpSecret();
    expect(secret).toHaveLength(20);
    const text = base32Encode(secret);
    expect(text).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(text).equals(secret)).toBe(true);
    expect(groupBase32("ABCDEFGHIJ")).toBe("ABCD EFGH IJ");
  });
});

describe("HOTP (RFC 4226 appendix D)", () => {
  const expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
  it.each(expected.map((code, counter) => [counter, code] as const))("counter %i → %s", (counter, code) => {
    expect(hotp(sha1Seed, counter)).toBe(code);
  });
});

describe("TOTP (RFC 6238 appendix B, 8 digits)", () => {
  it.each([
    [59, "94287082", "46119246", "90693936"],
    [1111111109, "07081804", "68084774", "25091201"],
    [1111111111, "14050471", "67062674", "99943326"],
    [1234567890, "89005924", "91819424", "93441116"],
    [2000000000, "69279037", "90698825", "38618901"],
    [20000000000, "65353130", "77737706", "47863826"],
  ])("T = %i s", (seconds, sha1, sha256, sha512) => {
    const now = seconds * 1000;
    expect(totp(sha1Seed, now, 8, "sha1")).toBe(sha1);
    expect(totp(sha256Seed, now, 8, "sha256")).toBe(sha256);
    expect(totp(sha512Seed, now, 8, "sha512")).toBe(sha512);
  });

  it("6 digits are the last six of the RFC's eight", () => {
    expect(totp(sha1Seed, 59_000)).toBe("287082");
    expect(totp(sha1Seed, 1111111109_000)).toBe("081804");
  });

  it("steps are 30 seconds", () => {
    expect(totpStep(59_000)).toBe(1);
    expect(totpStep(1111111109_000)).toBe(0x23523ec);
    expect(totpStep(20000000000_000)).toBe(0x27bc86aa);
  });
});

describe("matchTotp: window and replay", () => {
  const secret = generateTotpSecret();
  const now = 1_750_000_000_000; // any moment
  const step = totpStep(now);
  const codeAt = (s: number) => hotp(secret, s);

  it("accepts the current step and one either side, nothing further", () => {
    expect(matchTotp(secret, codeAt(step), now, null)).toBe(step);
    expect(matchTotp(secret, codeAt(step - 1), now, null)).toBe(step - 1);
    expect(matchTotp(secret, codeAt(step + 1), now, null)).toBe(step + 1);
    // Codes two steps away are refused (unless they happen to collide with a near one).
    for (const far of [step - 2, step + 2, step - 10]) {
      const code = codeAt(far);
      if ([step - 1, step, step + 1].some((s) => codeAt(s) === code)) continue;
      expect(matchTotp(secret, code, now, null)).toBeNull();
    }
  });

  it("accepts a step only after the last accepted one (a code works once)", () => {
    expect(matchTotp(secret, codeAt(step), now, step)).toBeNull();
    expect(matchTotp(secret, codeAt(step - 1), now, step)).toBeNull();
    expect(matchTotp(secret, codeAt(step), now, step - 1)).toBe(step);
    expect(matchTotp(secret, codeAt(step + 1), now, step)).toBe(step + 1);
  });

  it("refuses anything that is not six digits, and another secret's code", () => {
    expect(matchTotp(secret, "", now, null)).toBeNull();
    expect(matchTotp(secret, "12345", now, null)).toBeNull();
    expect(matchTotp(secret, "1234567", now, null)).toBeNull();
    expect(matchTotp(secret, "12a456", now, null)).toBeNull();
    expect(matchTotp(secret, ` ${codeAt(step)}`, now, null)).toBeNull();
    const other = generateTotpSecret();
    const code = hotp(other, step);
    if (![step - 1, step, step + 1].some((s) => codeAt(s) === code)) expect(matchTotp(secret, code, now, null)).toBeNull();
  });
});

describe("otpauth URI", () => {
  it("carries the secret, issuer and every parameter", () => {
    const uri = otpauthUri({ secret: ascii("foobar"), issuer: "Concierge", account: "nurse+1@demo.test" });
    expect(uri).toBe("otpauth://totp/Concierge:nurse%2B1%40demo.test?secret=MZXW6YTBOI&issuer=Concierge&algorithm=SHA1&digits=6&period=30");
  });
});
