// The storage variables of lib/env.ts and how they reach the drivers.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { s3ClientConfig } from "./s3-storage";

const tempDirs: string[] = [];
function tempDataDir() {
  const dir = mkdtempSync(path.join(tmpdir(), "concierge-storage-key-"));
  tempDirs.push(dir);
  return dir;
}

async function loadEnv() {
  vi.resetModules();
  return (await import("../env")).getEnv();
}

async function loadKey() {
  vi.resetModules();
  return (await import("./encryption-key")).getStorageEncryptionKey();
}

function production() {
  vi.stubEnv("NODE_ENV", "production");
  vi.stubEnv("DEMO_MODE", "");
  vi.stubEnv("AUTH_SECRET", "x".repeat(40));
  vi.stubEnv("AUTH_URL", "https://concierge.example.org");
}

describe("storage configuration", () => {
  afterEach(() => vi.unstubAllEnvs());
  afterAll(() => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("defaults to the local driver and SSE AES256 in us-east-1", async () => {
    vi.stubEnv("NODE_ENV", "test");
    const env = await loadEnv();
    expect(env.STORAGE_DRIVER).toBe("local");
    expect(env.S3_REGION).toBe("us-east-1");
    expect(env.S3_SSE).toBe("AES256");
    expect(env.S3_FORCE_PATH_STYLE).toBe(false);
  });

  it("requires S3_BUCKET with STORAGE_DRIVER=s3", async () => {
    vi.stubEnv("STORAGE_DRIVER", "s3");
    delete process.env.S3_BUCKET;
    await expect(loadEnv()).rejects.toThrow(/S3_BUCKET: is required when STORAGE_DRIVER=s3/);
    vi.stubEnv("S3_BUCKET", "concierge-documents");
    expect((await loadEnv()).S3_BUCKET).toBe("concierge-documents");
  });

  it.each([
    ["STORAGE_DRIVER", "disk"],
    ["S3_BUCKET", "Not_A_Bucket"],
    ["S3_ENDPOINT", "minio:9000"],
    ["S3_ENDPOINT", "ftp://minio:9000"],
    ["S3_SSE", "aws:kms:dsse"],
    ["S3_FORCE_PATH_STYLE", "sometimes"],
    ["STORAGE_ENCRYPTION_KEY", "too-short"],
    ["STORAGE_ENCRYPTION_KEY", randomBytes(16).toString("base64")],
    ["STORAGE_ENCRYPTION_KEY", randomBytes(48).toString("base64")],
    ["STORAGE_ENCRYPTION_KEY", ""],
  ])("names %s when it is %j", async (name, value) => {
    vi.stubEnv(name, value);
    await expect(loadEnv()).rejects.toThrow(new RegExp(`${name}:`));
  });

  it("wants both S3 access key variables or neither", async () => {
    vi.stubEnv("S3_ACCESS_KEY_ID", "AKIAEXAMPLE");
    delete process.env.S3_SECRET_ACCESS_KEY;
    await expect(loadEnv()).rejects.toThrow(/S3_SECRET_ACCESS_KEY/);
  });

  it("requires STORAGE_ENCRYPTION_KEY in production with the local driver, outside demo mode", async () => {
    production();
    delete process.env.STORAGE_ENCRYPTION_KEY;
    delete process.env.STORAGE_DRIVER;
    await expect(loadEnv()).rejects.toThrow(/STORAGE_ENCRYPTION_KEY: is required in production/);
    vi.stubEnv("STORAGE_ENCRYPTION_KEY", randomBytes(32).toString("base64"));
    await expect(loadEnv()).resolves.toBeTruthy();
  });

  it("does not require it in demo mode or with the S3 driver", async () => {
    production();
    delete process.env.STORAGE_ENCRYPTION_KEY;
    vi.stubEnv("DEMO_MODE", "1");
    await expect(loadEnv()).resolves.toBeTruthy();
    vi.stubEnv("DEMO_MODE", "");
    vi.stubEnv("STORAGE_DRIVER", "s3");
    vi.stubEnv("S3_BUCKET", "concierge-documents");
    await expect(loadEnv()).resolves.toBeTruthy();
  });

  it("uses STORAGE_ENCRYPTION_KEY when set (standard or URL-safe base64)", async () => {
    const key = randomBytes(32);
    const dataDir = tempDataDir();
    vi.stubEnv("DATA_DIR", dataDir);
    vi.stubEnv("STORAGE_ENCRYPTION_KEY", key.toString("base64"));
    expect((await loadKey()).equals(key)).toBe(true);
    vi.stubEnv("STORAGE_ENCRYPTION_KEY", key.toString("base64url"));
    expect((await loadKey()).equals(key)).toBe(true);
    expect(() => statSync(path.join(dataDir, "storage-key"))).toThrow();
  });

  it("otherwise generates one key per DATA_DIR, kept in storage-key with mode 0600", async () => {
    const dataDir = tempDataDir();
    vi.stubEnv("NODE_ENV", "test");
    vi.stubEnv("DATA_DIR", dataDir);
    delete process.env.STORAGE_ENCRYPTION_KEY;
    const first = await loadKey();
    expect(first.length).toBe(32);
    const file = path.join(dataDir, "storage-key");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, "utf8").trim(), "base64").equals(first)).toBe(true);
    expect((await loadKey()).equals(first)).toBe(true);
  });

  it("never replaces an unreadable key file", async () => {
    const dataDir = tempDataDir();
    vi.stubEnv("NODE_ENV", "test");
    vi.stubEnv("DATA_DIR", dataDir);
    delete process.env.STORAGE_ENCRYPTION_KEY;
    const file = path.join(dataDir, "storage-key");
    writeFileSync(file, "garbage\n", { mode: 0o600 });
    await expect(loadKey()).rejects.toThrow(/storage-key does not hold/);
    expect(readFileSync(file, "utf8")).toBe("garbage\n");
  });

  it("switches the SDK's flexible checksums to WHEN_REQUIRED for non-AWS endpoints only", () => {
    const base = { bucket: "b", region: "us-east-1", forcePathStyle: false, sse: "AES256" } as const;
    const aws = s3ClientConfig(base);
    expect(aws.endpoint).toBeUndefined();
    expect(aws.requestChecksumCalculation).toBeUndefined();
    expect(aws.credentials).toBeUndefined();
    const other = s3ClientConfig({ ...base, endpoint: "http://127.0.0.1:9000", forcePathStyle: true, accessKeyId: "a", secretAccessKey: "s" });
    expect(other).toMatchObject({
      endpoint: "http://127.0.0.1:9000",
      forcePathStyle: true,
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      credentials: { accessKeyId: "a", secretAccessKey: "s" },
    });
  });
});
