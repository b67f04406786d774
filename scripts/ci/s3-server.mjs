#!/usr/bin/env node
// An S3-protocol server for the end-to-end tests (ENVIRONMENT.md: no MinIO here; s3rver is a
// dev dependency): the PostgreSQL e2e server stores documents through the real S3 driver
// into this. Usage: node scripts/ci/s3-server.mjs <port> <directory> <bucket>. Runs until
// killed; Playwright starts and stops it (playwright.config.ts).
import { mkdirSync } from "node:fs";
import S3rver from "s3rver";

const [port, directory, bucket] = process.argv.slice(2);
if (!port || !directory || !bucket) {
  console.error("usage: s3-server.mjs <port> <directory> <bucket>");
  process.exit(2);
}
mkdirSync(directory, { recursive: true });
const server = new S3rver({ address: "127.0.0.1", port: Number(port), silent: true, directory, configureBuckets: [{ name: bucket }] });
await server.run();
console.log(`s3rver listening on http://127.0.0.1:${port} (bucket ${bucket})`);
const stop = () => server.close().finally(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
