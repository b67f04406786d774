/**
 * Reads what the PostgreSQL e2e server really stored: the attachment's storage key from the
 * run's database, and the object under that key from the S3-protocol server — so a test can
 * compare the bucket with what the download route serves.
 */
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import path from "node:path";
import pg from "pg";
import { e2eS3Settings } from "./s3-settings";

function databaseUrl(): string {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is required");
  return url;
}

export async function queryOne<T>(sql: string, params: unknown[]): Promise<T | null> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    const result = await client.query(sql, params);
    return (result.rows[0] as T | undefined) ?? null;
  } finally {
    await client.end();
  }
}

export async function storageKeyOf(attachmentId: string): Promise<string> {
  const row = await queryOne<{ storage_key: string | null }>("SELECT storage_key FROM attachments WHERE id = $1", [attachmentId]);
  if (!row?.storage_key) throw new Error("attachment has no stored object");
  return row.storage_key;
}

export async function s3Object(key: string): Promise<Buffer> {
  const s3 = e2eS3Settings(process.env.E2E_EMBEDDED_DATA_DIR ?? path.resolve(".test-data", "embedded"));
  const client = new S3Client({
    region: "us-east-1",
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  try {
    const object = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
    return Buffer.from(await object.Body!.transformToByteArray());
  } finally {
    client.destroy();
  }
}
