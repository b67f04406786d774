// The embedded default driver on a real file system: byte-exact round trip through
// encryption at rest, tamper detection, atomic writes, health.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { binaryTestDocument } from "./test-bytes";

let dataDir: string;

async function storageModule(env: Record<string, string> = {}) {
  vi.resetModules();
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("STORAGE_DRIVER", "local");
  delete process.env.STORAGE_ENCRYPTION_KEY;
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return import("./document-storage");
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe("local document storage", () => {
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), "concierge-local-storage-"));
  });
  afterEach(() => vi.unstubAllEnvs());
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("round-trips a binary document byte for byte, encrypted on disk", async () => {
    const { getDocumentStorage, newStorageKey } = await storageModule();
    const storage = getDocumentStorage();
    expect(storage.kind).toBe("local");
    const original = binaryTestDocument(3);
    const key = newStorageKey();

    await storage.put(key, original, { contentType: "application/pdf" });
    const back = await storage.get(key);
    expect(back.length).toBe(original.length);
    expect(back.equals(original)).toBe(true);

    const file = path.join(dataDir, "documents", key);
    const onDisk = readFileSync(file);
    expect(onDisk.length).toBe(original.length + 37);
    expect(onDisk.subarray(0, 4).toString("ascii")).toBe("CDOC");
    expect(onDisk.includes(original.subarray(1000, 1064))).toBe(false);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dataDir, "storage-key")).mode & 0o777).toBe(0o600);
    // Atomic writes leave no temp files behind.
    expect(filesUnder(path.join(dataDir, "documents")).filter((f) => f.includes("."))).toEqual([]);

    await storage.delete(key);
    await expect(storage.get(key)).rejects.toMatchObject({ name: "DocumentNotFoundError", code: "NOT_FOUND" });
    await expect(storage.delete(key)).resolves.toBeUndefined();
  });

  it("keeps documents readable after a restart (same DATA_DIR, same generated key)", async () => {
    const first = await storageModule();
    const key = first.newStorageKey();
    await first.getDocumentStorage().put(key, Buffer.from([0, 1, 2, 255]), { contentType: "image/png" });
    const second = await storageModule();
    expect((await second.getDocumentStorage().get(key)).equals(Buffer.from([0, 1, 2, 255]))).toBe(true);
  });

  it("refuses a tampered file and never returns its bytes", async () => {
    const { getDocumentStorage, newStorageKey, DocumentIntegrityError } = await storageModule();
    const storage = getDocumentStorage();
    const key = newStorageKey();
    await storage.put(key, binaryTestDocument(0.1), { contentType: "application/pdf" });
    const file = path.join(dataDir, "documents", key);
    const sealed = readFileSync(file);
    const middle = sealed.length >> 1;
    sealed[middle] = sealed[middle]! ^ 0x80;
    writeFileSync(file, sealed);
    await expect(storage.get(key)).rejects.toBeInstanceOf(DocumentIntegrityError);
  });

  it("refuses a file copied over another key's path", async () => {
    const { getDocumentStorage, newStorageKey, DocumentIntegrityError } = await storageModule();
    const storage = getDocumentStorage();
    const [a, b] = [newStorageKey(), newStorageKey()];
    await storage.put(a, Buffer.from("member A"), { contentType: "text/plain" });
    await storage.put(b, Buffer.from("member B"), { contentType: "text/plain" });
    writeFileSync(path.join(dataDir, "documents", b), readFileSync(path.join(dataDir, "documents", a)));
    await expect(storage.get(b)).rejects.toBeInstanceOf(DocumentIntegrityError);
  });

  it("cannot read its documents with another key", async () => {
    const first = await storageModule();
    const key = first.newStorageKey();
    await first.getDocumentStorage().put(key, Buffer.from("secret"), { contentType: "text/plain" });
    const other = await storageModule({ STORAGE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64") });
    await expect(other.getDocumentStorage().get(key)).rejects.toThrow(/different key/);
  });

  it("validates keys and content types before touching the disk", async () => {
    const { getDocumentStorage } = await storageModule();
    const storage = getDocumentStorage();
    for (const key of ["../escape", "/etc/passwd", "documents/../../escape", "documents/a.pdf", "documents//a"]) {
      await expect(storage.put(key, Buffer.from("x"), { contentType: "text/plain" })).rejects.toThrow(/Invalid storage key/);
      await expect(storage.get(key)).rejects.toThrow(/Invalid storage key/);
      await expect(storage.delete(key)).rejects.toThrow(/Invalid storage key/);
    }
    await expect(storage.put("documents/x", Buffer.from("x"), { contentType: "text/html\r\nX-Evil: 1" })).rejects.toThrow(/Invalid content type/);
    expect(readdirSync(dataDir)).not.toContain("escape");
  });

  it("is healthy, and unavailable when it cannot write", async () => {
    const { getDocumentStorage } = await storageModule();
    expect(await getDocumentStorage().checkHealth()).toBe("ok");
    expect(readdirSync(path.join(dataDir, "documents", "health"))).toEqual([]);

    const blocked = path.join(dataDir, "blocked");
    writeFileSync(blocked, "not a directory");
    const broken = await storageModule({ DATA_DIR: blocked });
    expect(await broken.getDocumentStorage().checkHealth()).toBe("unavailable");
  });
});
