// The session cookie decoder (session-jwt.ts) keeps next-auth's derived key instead of
// deriving it per request; it must accept and refuse exactly what next-auth's decode() does.
import { createCipheriv, hkdfSync, randomBytes } from "node:crypto";
import { EncryptJWT } from "jose";
import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionJwt } from "./session-jwt";

const secret = "unit-test-secret-unit-test-secret-unit-test";
const other = "another-secret-another-secret-another-secret";
const claims = { sub: "0190f5c2-8a4b-7c3d-9e1f-123456789abc", role: "NURSE", signedInAt: Date.now(), lastActiveAt: Date.now() };

const nextAuthDecode = (token: string, key = secret) => decode({ token, secret: key }).catch(() => null);
const b64 = (b: Buffer | string) => Buffer.from(b).toString("base64url");

/** A JWE built by hand with next-auth's key, so header and claims can be anything. */
function handMadeJwe(header: Record<string, unknown>, payload: Record<string, unknown>, key = secret): string {
  const cek = Buffer.from(hkdfSync("sha256", key, "", "NextAuth.js Generated Encryption Key", 32));
  const protectedHeader = b64(JSON.stringify(header));
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", cek, iv);
  cipher.setAAD(Buffer.from(protectedHeader, "ascii"));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(payload)), cipher.final()]);
  return [protectedHeader, "", b64(iv), b64(ciphertext), b64(cipher.getAuthTag())].join(".");
}

describe("decodeSessionJwt", () => {
  it("decodes what next-auth writes, to the same payload as next-auth's decode", async () => {
    const token = await encode({ token: claims as never, secret });
    const ours = await decodeSessionJwt(token, secret);
    expect(ours).toEqual(await nextAuthDecode(token));
    expect(ours).toMatchObject(claims);
    // Again (the kept key), and after another secret was used in between.
    expect(await decodeSessionJwt(await encode({ token: claims as never, secret: other }), other)).toMatchObject(claims);
    expect(await decodeSessionJwt(token, secret)).toMatchObject(claims);
  });

  it("refuses what next-auth refuses: another secret, a changed byte, an expired token, garbage", async () => {
    const token = await encode({ token: claims as never, secret });
    const tampered = token.slice(0, -6) + (token.at(-6) === "A" ? "B" : "A") + token.slice(-5);
    const expired = await encode({ token: claims as never, secret, maxAge: -60 });
    for (const [raw, key] of [
      [token, other],
      [tampered, secret],
      [expired, secret],
      ["not-a-token", secret],
      [token.split(".").slice(0, 4).join("."), secret],
    ] as const) {
      expect(await nextAuthDecode(raw, key)).toBeNull();
      expect(await decodeSessionJwt(raw, key)).toBeNull();
    }
    expect(await decodeSessionJwt("", secret)).toBeNull();
    expect(await decodeSessionJwt(undefined, secret)).toBeNull();
  });

  it("accepts an expiry within next-auth's 15 s of clock tolerance, not beyond", async () => {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: "dir", enc: "A256GCM" };
    expect(await decodeSessionJwt(handMadeJwe(header, { ...claims, exp: now - 5 }), secret)).not.toBeNull();
    expect(await decodeSessionJwt(handMadeJwe(header, { ...claims, exp: now - 60 }), secret)).toBeNull();
  });

  it("refuses a key-wrapped token (alg A256KW) next-auth would have taken: only dir + A256GCM is ours", async () => {
    const key = new Uint8Array(hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32));
    const wrapped = await new EncryptJWT({ ...claims }).setProtectedHeader({ alg: "A256KW", enc: "A256GCM" }).setExpirationTime("1h").encrypt(key);
    expect(await nextAuthDecode(wrapped)).toMatchObject(claims);
    expect(await decodeSessionJwt(wrapped, secret)).toBeNull();
  });
});
