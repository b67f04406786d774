import path from "node:path";

/**
 * The S3-protocol server (s3rver, scripts/ci/s3-server.mjs) that the PostgreSQL e2e server
 * stores documents in, through the real S3 driver. Shared by playwright.config.ts, which
 * starts it, and the specs that read objects back from it.
 */
export function e2eS3Settings(embeddedDataDir: string) {
  return {
    port: 3190,
    endpoint: "http://127.0.0.1:3190",
    bucket: "concierge-e2e",
    directory: path.join(path.dirname(embeddedDataDir), `s3-${path.basename(embeddedDataDir)}`),
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
  };
}
