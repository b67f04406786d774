/**
 * Where the audit chain's head is anchored outside the database (docs/audit.md "Anchors"):
 * AUDIT_ANCHOR_DRIVER=file (default) appends one line per seal batch to a local file;
 * `s3` writes one object per batch under a prefix, with object-lock retention when configured.
 * ⚠ SECURITY: both stores are written only by appending; nothing here rewrites or deletes.
 */
import path from "node:path";
import { getEnv } from "../env";
import { createFileAnchorStore } from "./file-anchor-store";
import { createS3AnchorStore } from "./s3-anchor-store";

export type AnchorStore = {
  kind: "file" | "s3";
  /** Appends one serialized anchor (one line of JSON, no newline). */
  append(line: string): Promise<void>;
  /** Every serialized anchor ever appended, in no particular order. */
  readAll(): Promise<string[]>;
};

/**
 * Anchors name seqs of ONE chain, so each database needs a store of its own: the default file
 * carries the PostgreSQL database's name (DATA_DIR/audit-anchors.<database>.log), or is
 * DATA_DIR/audit-anchors.log for the embedded database.
 */
export function defaultAnchorFile(dataDir: string, databaseUrl: string | undefined): string {
  if (!databaseUrl) return path.join(dataDir, "audit-anchors.log");
  const database = decodeURIComponent(new URL(databaseUrl).pathname.slice(1)) || "postgres";
  return path.join(dataDir, `audit-anchors.${database.replace(/[^A-Za-z0-9_.-]/g, "_")}.log`);
}

let cached: AnchorStore | undefined;

export function getAuditAnchorStore(): AnchorStore {
  if (cached) return cached;
  const env = getEnv();
  if (env.AUDIT_ANCHOR_DRIVER === "s3") {
    cached = createS3AnchorStore({
      bucket: env.AUDIT_ANCHOR_S3_BUCKET!,
      prefix: env.AUDIT_ANCHOR_S3_PREFIX,
      retentionDays: env.AUDIT_ANCHOR_S3_RETENTION_DAYS ?? null,
      lockMode: env.AUDIT_ANCHOR_S3_LOCK_MODE,
      s3: {
        bucket: env.AUDIT_ANCHOR_S3_BUCKET!,
        region: env.S3_REGION,
        forcePathStyle: env.S3_FORCE_PATH_STYLE,
        sse: env.S3_SSE,
        ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT } : {}),
        ...(env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY } : {}),
      },
    });
  } else {
    cached = createFileAnchorStore(path.resolve(env.AUDIT_ANCHOR_FILE ?? defaultAnchorFile(env.DATA_DIR, env.DATABASE_URL)));
  }
  return cached;
}
