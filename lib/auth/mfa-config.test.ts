// REQUIRE_STAFF_MFA and MFA_ENCRYPTION_KEY: defaults, validation, and the key in use.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";

const tempDirs: string[] = [];
function tempDataDir() {
  const dir = mkdtempSync(path.join(tmpdir(), "concierge-mfa-key-"));
  tempDirs.push(dir);
  return dir;
}

async function loadEnv() {
  vi.resetModules();
  return (await import("../env")).getEnv();
}

function production() {
  vi.stubEnv("NODE_ENV", "production");
  vi.stubEnv("DEMO_MODE", "");
  vi.stubEnv("AUTH_SECRET", "x".repeat(40));
  vi.stubEnv("AUTH_URL", "https://concierge.example.org");
  vi.stubEnv("STORAGE_ENCRYPTION_KEY", randomBytes(32).toString("base64"));
}

afterEach(() => vi.unstubAllEnvs());
afterAll(() => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("REQUIRE_STAFF_MFA", () => {
  it("is on by default in production outside demo mode", async () => {
    production();
    delete process.env.REQUIRE_STAFF_MFA;
    expect((await loadEnv()).REQUIRE_STAFF_MFA).toBe(true);
  });

  it("is off by default in demo mode and outside production", async () => {
    production();
    delete process.env.REQUIRE_STAFF_MFA;
    vi.stubEnv("DEMO_MODE", "1");
    expect((await loadEnv()).REQUIRE_STAFF_MFA).toBe(false);
    vi.stubEnv("DEMO_MODE", "");
    vi.stubEnv("NODE_ENV", "test");
    expect((await loadEnv()).REQUIRE_STAFF_MFA).toBe(false);
    vi.stubEnv("REQUIRE_STAFF_MFA", "");
    expect((await loadEnv()).REQUIRE_STAFF_MFA).toBe(false);
  });

  it("follows an explicit value either way", async () => {
    production();
    vi.stubEnv("REQUIRE_STAFF_MFA", "0");
    expect((await loadEnv()).REQUIRE_STAFF_MFA).toBe(false);
    vi.stubEnv("NODE_ENV", "test");
    vi.stubEnv("REQUIRE_STAFF_MFA", "1");
    expect((await loadEnv()).REQUIRE_STAFF_MFA).toBe(true);
    vi.stubEnv("REQUIRE_STAFF_MFA", "sometimes");
    await expect(loadEnv()).rejects.toThrow(/REQUIRE_STAFF_MFA:/);
  });
});

describe("MFA_ENCRYPTION_KEY", () => {
  async function keyModule() {
    vi.resetModules();
    return import("./mfa-key");
  }

  it.each(["too-short", randomBytes(16).toString("base64"), ""])("names the variable when it is %j", async (value) => {
    vi.stubEnv("MFA_ENCRYPTION_KEY", value);
    await expect(loadEnv()).rejects.toThrow(/MFA_ENCRYPTION_KEY:/);
  });

  it("is used when set", async () => {
    const key = randomBytes(32);
    vi.stubEnv("MFA_ENCRYPTION_KEY", key.toString("base64"));
    expect((await keyModule()).getMfaEncryptionKey().equals(key)).toBe(true);
  });

  it("is generated once into DATA_DIR/mfa-key outside production", async () => {
    vi.stubEnv("NODE_ENV", "test");
    delete process.env.MFA_ENCRYPTION_KEY;
    const dir = tempDataDir();
    vi.stubEnv("DATA_DIR", dir);
    const first = (await keyModule()).getMfaEncryptionKey();
    const file = path.join(dir, "mfa-key");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, "utf8").trim(), "base64").equals(first)).toBe(true);
    expect((await keyModule()).getMfaEncryptionKey().equals(first)).toBe(true);
  });

  it("is required in production outside demo mode (two-step sign-in refuses to work without it)", async () => {
    production();
    delete process.env.MFA_ENCRYPTION_KEY;
    vi.stubEnv("DATA_DIR", tempDataDir());
    const { getMfaEncryptionKey, MfaNotConfiguredError } = await keyModule();
    expect(() => getMfaEncryptionKey()).toThrow(MfaNotConfiguredError);
  });
});

describe("sealed TOTP secrets", () => {
  it("open for their own user only, and never with another key", async () => {
    vi.stubEnv("MFA_ENCRYPTION_KEY", randomBytes(32).toString("base64"));
    vi.resetModules();
    const { sealTotpSecret, openTotpSecret, MfaSecretUnreadableError } = await import("./mfa-secret");
    const secret = randomBytes(20);
    const sealed = sealTotpSecret("user-a", secret);
    expect(Buffer.from(sealed).includes(secret)).toBe(false);
    expect(openTotpSecret("user-a", sealed).equals(secret)).toBe(true);
    expect(() => openTotpSecret("user-b", sealed)).toThrow(MfaSecretUnreadableError);

    vi.stubEnv("MFA_ENCRYPTION_KEY", randomBytes(32).toString("base64"));
    vi.resetModules();
    const other = await import("./mfa-secret");
    expect(() => other.openTotpSecret("user-a", sealed)).toThrow(other.MfaSecretUnreadableError);
  });
});
