/**
 * The scale-out anchor store: one small object per seal batch under a prefix, so several app
 * instances share one set of anchors. With AUDIT_ANCHOR_S3_RETENTION_DAYS each object is
 * written with object-lock headers (mode + retain-until date): on a bucket created with object
 * lock, not even the bucket's owner can delete or overwrite it before then (COMPLIANCE mode).
 * Give the app credentials that may PutObject/GetObject/ListBucket on the prefix, not
 * DeleteObject (docs/audit.md). The test server (s3rver) ignores object lock: the tests show
 * the headers are sent and the anchors round-trip, not that a real bucket enforces them.
 */
import { createHash, randomBytes } from "node:crypto";
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { s3ClientConfig, type S3StorageConfig } from "../storage/s3-storage";
import type { AnchorStore } from "./anchor-store";

export type S3AnchorStoreConfig = {
  bucket: string;
  prefix: string;
  retentionDays: number | null;
  lockMode: "COMPLIANCE" | "GOVERNANCE";
  s3: S3StorageConfig;
};

const dayMs = 24 * 60 * 60 * 1000;

/** Keys sort by chain seq (zero-padded), then time; the random tail keeps two writers apart. */
function objectKey(prefix: string, line: string): string {
  const seq = (JSON.parse(line) as { seq?: unknown }).seq;
  const padded = typeof seq === "string" && /^[0-9]{1,19}$/.test(seq) ? seq.padStart(19, "0") : "unknown";
  return `${prefix}${padded}-${Date.now()}-${randomBytes(6).toString("hex")}.json`;
}

export function createS3AnchorStore(config: S3AnchorStoreConfig, client: S3Client = new S3Client(s3ClientConfig(config.s3))): AnchorStore {
  const Bucket = config.bucket;
  return {
    kind: "s3",
    async append(line) {
      const body = Buffer.from(line, "utf8");
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: objectKey(config.prefix, line),
          Body: body,
          ContentType: "application/json",
          // S3 requires Content-MD5 (or a checksum) on any write with object-lock headers.
          ContentMD5: createHash("md5").update(body).digest("base64"),
          ...(config.retentionDays === null
            ? {}
            : { ObjectLockMode: config.lockMode, ObjectLockRetainUntilDate: new Date(Date.now() + config.retentionDays * dayMs) }),
          ...(config.s3.sse === "none" ? {} : { ServerSideEncryption: config.s3.sse }),
        }),
      );
    },
    async readAll() {
      const lines: string[] = [];
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix: config.prefix, ...(ContinuationToken ? { ContinuationToken } : {}) }));
        for (const object of page.Contents ?? []) {
          if (!object.Key) continue;
          const response = await client.send(new GetObjectCommand({ Bucket, Key: object.Key }));
          lines.push((await response.Body?.transformToString("utf8")) ?? "");
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
      return lines;
    },
  };
}
