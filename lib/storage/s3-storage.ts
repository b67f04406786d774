/**
 * The scale-out driver: any S3-compatible store through @aws-sdk/client-s3, with
 * server-side encryption requested on every write (S3_SSE). See docs/storage.md.
 */
import { createHash } from "node:crypto";
import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, PutObjectCommand, S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import { DocumentIntegrityError, DocumentNotFoundError } from "./storage-errors";
import { assertValidStorageKey } from "./storage-key";
import { assertValidContentType, type DocumentStorage } from "./storage-types";

export type S3StorageConfig = {
  bucket: string;
  region: string;
  /** Unset for AWS itself; e.g. http://127.0.0.1:4568 for another S3-compatible server. */
  endpoint?: string;
  forcePathStyle: boolean;
  /** Both or neither; neither → the SDK's default credential chain (env, profile, instance role…). */
  accessKeyId?: string;
  secretAccessKey?: string;
  sse: "AES256" | "aws:kms" | "none";
  /** Budget of one health check (HeadBucket, retries included). */
  healthTimeoutMs?: number;
};

// Object metadata (x-amz-meta-sha256): the SHA-256 of the bytes as sent, checked on every
// read. With the SDK's own checksums switched off for non-AWS endpoints (below) this is what
// catches a server that stores something other than the bytes sent.
const DIGEST_METADATA = "sha256";

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function s3ClientConfig(config: S3StorageConfig): S3ClientConfig {
  const clientConfig: S3ClientConfig = {
    region: config.region,
    forcePathStyle: config.forcePathStyle,
  };
  if (config.endpoint) {
    clientConfig.endpoint = config.endpoint;
    // Since SDK 3.729 the client adds CRC checksums to every upload, sent as an
    // `aws-chunked` body with a trailer. Servers that do not implement that (s3rver, older
    // MinIO/Ceph, …) silently store the chunk framing as part of the object. Only AWS gets
    // the default; elsewhere checksums are sent/validated only where the API requires them.
    clientConfig.requestChecksumCalculation = "WHEN_REQUIRED";
    clientConfig.responseChecksumValidation = "WHEN_REQUIRED";
  }
  if (config.accessKeyId && config.secretAccessKey) {
    clientConfig.credentials = { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey };
  }
  return clientConfig;
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } } | null;
  return e?.name === "NoSuchKey" || e?.name === "NotFound" || e?.$metadata?.httpStatusCode === 404;
}

export function createS3Storage(config: S3StorageConfig, client: S3Client = new S3Client(s3ClientConfig(config))): DocumentStorage {
  const Bucket = config.bucket;
  const healthTimeoutMs = config.healthTimeoutMs ?? 5000;

  return {
    kind: "s3",

    async put(key, bytes, options) {
      assertValidStorageKey(key);
      assertValidContentType(options.contentType);
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: key,
          Body: bytes,
          ContentLength: bytes.byteLength,
          ContentType: options.contentType,
          Metadata: { [DIGEST_METADATA]: sha256(bytes) },
          ...(config.sse === "none" ? {} : { ServerSideEncryption: config.sse }),
        }),
      );
    },

    async get(key) {
      assertValidStorageKey(key);
      let bytes: Buffer;
      let expected: string | undefined;
      try {
        const response = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        if (!response.Body) throw new DocumentIntegrityError("Storage answered without a body", key);
        bytes = Buffer.from(await response.Body.transformToByteArray());
        expected = response.Metadata?.[DIGEST_METADATA];
      } catch (error) {
        if (isNotFound(error)) throw new DocumentNotFoundError(key);
        throw error;
      }
      // ⚠ Never hand out bytes that differ from what was stored. An object without the digest
      // was not written by this driver and is refused the same way.
      if (!expected || expected !== sha256(bytes)) {
        throw new DocumentIntegrityError("Stored document does not match its SHA-256 digest", key);
      }
      return bytes;
    },

    async delete(key) {
      assertValidStorageKey(key);
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },

    async checkHealth() {
      try {
        await client.send(new HeadBucketCommand({ Bucket }), { abortSignal: AbortSignal.timeout(healthTimeoutMs) });
        return "ok";
      } catch {
        return "unavailable";
      }
    },
  };
}
