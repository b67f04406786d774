// The S3 driver against a real S3-protocol server: s3rver, started here on a free port in a
// temp directory (ENVIRONMENT.md: no MinIO here). The round trip must be byte-exact: with
// the SDK's default flexible checksums, s3rver stores the aws-chunked framing inside the
// object, and only a byte comparison notices.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { s3ClientConfig } from "./s3-storage";
import { binaryTestDocument } from "./test-bytes";

const bucket = "concierge-test";
let server: S3rver;
let directory: string;
let endpoint: string;

async function storageModule(env: Record<string, string> = {}) {
  vi.resetModules();
  vi.stubEnv("STORAGE_DRIVER", "s3");
  vi.stubEnv("S3_BUCKET", bucket);
  vi.stubEnv("S3_ENDPOINT", endpoint);
  vi.stubEnv("S3_FORCE_PATH_STYLE", "1");
  // s3rver accepts any well-formed signature; these keep the SDK off the default chain.
  vi.stubEnv("S3_ACCESS_KEY_ID", "S3RVER");
  vi.stubEnv("S3_SECRET_ACCESS_KEY", "S3RVER");
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return import("./document-storage");
}

/** A port nothing listens on: bind an ephemeral one, then close it. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe("S3 document storage (s3rver)", () => {
  beforeAll(async () => {
    directory = mkdtempSync(path.join(tmpdir(), "concierge-s3rver-"));
    server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
    const { port } = await server.run();
    endpoint = `http://127.0.0.1:${port}`;
  });
  afterEach(() => vi.unstubAllEnvs());
  afterAll(async () => {
    await server?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("round-trips a binary document byte for byte (all 256 byte values, a few MB)", async () => {
    const { getDocumentStorage, newStorageKey } = await storageModule();
    const storage = getDocumentStorage();
    expect(storage.kind).toBe("s3");
    const original = binaryTestDocument(4);
    const key = newStorageKey();

    await storage.put(key, original, { contentType: "application/pdf" });
    const back = await storage.get(key);
    expect(back.length).toBe(original.length);
    expect(back.equals(original)).toBe(true);

    await storage.delete(key);
    await expect(storage.get(key)).rejects.toMatchObject({ name: "DocumentNotFoundError", code: "NOT_FOUND" });
    await expect(storage.delete(key)).resolves.toBeUndefined();
  });

  it("round-trips small and empty documents with S3_SSE=none too", async () => {
    const { getDocumentStorage, newStorageKey } = await storageModule({ S3_SSE: "none" });
    const storage = getDocumentStorage();
    for (const bytes of [Buffer.alloc(0), Buffer.from([0]), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]) {
      const key = newStorageKey();
      await storage.put(key, bytes, { contentType: "image/jpeg" });
      expect((await storage.get(key)).equals(bytes)).toBe(true);
      await storage.delete(key);
    }
  });

  // The framing only appears with streaming bodies (a Buffer body gets its checksum in a
  // header): this is what the WHEN_REQUIRED settings and the driver's SHA-256 check are for.
  it("keeps streamed uploads byte-exact with the driver's client settings, and refuses the default-checksum framing", async () => {
    const { getDocumentStorage, newStorageKey, DocumentIntegrityError } = await storageModule();
    const original = binaryTestDocument(0.25);
    const Metadata = { sha256: createHash("sha256").update(original).digest("hex") };
    const credentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
    const putStream = (client: S3Client, key: string) =>
      client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: Readable.from([original]), ContentLength: original.length, Metadata }));

    const configured = new S3Client(s3ClientConfig({ bucket, region: "us-east-1", endpoint, forcePathStyle: true, sse: "none", ...credentials }));
    const good = newStorageKey();
    await putStream(configured, good);
    configured.destroy();
    expect((await getDocumentStorage().get(good)).equals(original)).toBe(true);

    // The SDK's defaults (flexible checksums on): s3rver keeps the aws-chunked framing.
    const naive = new S3Client({ region: "us-east-1", endpoint, forcePathStyle: true, credentials });
    const bad = newStorageKey();
    await putStream(naive, bad);
    naive.destroy();
    await expect(getDocumentStorage().get(bad)).rejects.toBeInstanceOf(DocumentIntegrityError);
  });

  it("validates keys before any request", async () => {
    const { getDocumentStorage } = await storageModule();
    const storage = getDocumentStorage();
    for (const key of ["../escape", "/abs", "documents/a.pdf", "documents//a", "documents/%2e%2e"]) {
      await expect(storage.put(key, Buffer.from("x"), { contentType: "text/plain" })).rejects.toThrow(/Invalid storage key/);
      await expect(storage.get(key)).rejects.toThrow(/Invalid storage key/);
      await expect(storage.delete(key)).rejects.toThrow(/Invalid storage key/);
    }
  });

  it("is healthy when the bucket answers", async () => {
    const { getDocumentStorage } = await storageModule();
    expect(await getDocumentStorage().checkHealth()).toBe("ok");
  });

  it("is unavailable when the bucket does not exist", async () => {
    const { getDocumentStorage } = await storageModule({ S3_BUCKET: "no-such-bucket" });
    expect(await getDocumentStorage().checkHealth()).toBe("unavailable");
  });

  it("is unavailable when nothing listens at the endpoint", async () => {
    const port = await closedPort();
    const { getDocumentStorage } = await storageModule({ S3_ENDPOINT: `http://127.0.0.1:${port}` });
    const started = Date.now();
    expect(await getDocumentStorage().checkHealth()).toBe("unavailable");
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
