// AUDIT_SEAL_KEY: the configured key wins, a key is generated once into DATA_DIR outside
// production, and production outside demo mode refuses to seal or verify without one.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";

const tempDirs: string[] = [];
function tempDataDir() {
  const dir = mkdtempSync(path.join(tmpdir(), "concierge-audit-key-"));
  tempDirs.push(dir);
  return dir;
}

async function keyModule() {
  vi.resetModules();
  return import("./seal-key");
}

afterEach(() => vi.unstubAllEnvs());
afterAll(() => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("the audit seal key", () => {
  it("derives distinct seal and anchor keys from AUDIT_SEAL_KEY, the same on every start", async () => {
    vi.stubEnv("AUDIT_SEAL_KEY", randomBytes(32).toString("base64"));
    const first = (await keyModule()).getAuditSealKeys();
    const again = (await keyModule()).getAuditSealKeys();
    expect(first.seal.equals(again.seal) && first.anchor.equals(again.anchor)).toBe(true);
    expect(first.seal.equals(first.anchor)).toBe(false);
  });

  it("is generated once into DATA_DIR/audit-seal-key (mode 0600) outside production", async () => {
    vi.stubEnv("NODE_ENV", "test");
    vi.stubEnv("AUDIT_SEAL_KEY", "");
    delete process.env.AUDIT_SEAL_KEY;
    const dir = tempDataDir();
    vi.stubEnv("DATA_DIR", dir);
    const first = (await keyModule()).getAuditSealKeys();
    const file = path.join(dir, "audit-seal-key");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, "utf8").trim(), "base64")).toHaveLength(32);
    expect((await keyModule()).getAuditSealKeys().seal.equals(first.seal)).toBe(true);
  });

  it("is required in production outside demo mode", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("DEMO_MODE", "");
    vi.stubEnv("AUTH_SECRET", "x".repeat(40));
    vi.stubEnv("AUTH_URL", "https://concierge.example.org");
    vi.stubEnv("STORAGE_ENCRYPTION_KEY", randomBytes(32).toString("base64"));
    vi.stubEnv("AUDIT_SEAL_KEY", "");
    delete process.env.AUDIT_SEAL_KEY;
    const dir = tempDataDir();
    vi.stubEnv("DATA_DIR", dir);
    const { getAuditSealKeys, AuditSealKeyMissingError } = await keyModule();
    expect(() => getAuditSealKeys()).toThrow(AuditSealKeyMissingError);
    expect(() => statSync(path.join(dir, "audit-seal-key"))).toThrow(); // nothing generated
  });

  it("refuses a key that is not 32 bytes of base64 at start-up", async () => {
    vi.stubEnv("AUDIT_SEAL_KEY", "too-short");
    vi.resetModules();
    const { getEnv } = await import("../env");
    expect(() => getEnv()).toThrow(/AUDIT_SEAL_KEY/);
  });
});
