/**
 * `npm run bench:attachments` — scan-and-store time of a 5 MB photo (issue 4's target,
 * figures in docs/performance.md). Each operation is what the scan job does to a clean
 * upload: ClamAV scan over clamd's socket (the real daemon with the test signatures, started
 * by scripts/ci/ensure-clamav.sh unless CLAMD_SOCKET is set), re-encode without metadata +
 * thumbnail (sharp), and the write to document storage — measured for the local encrypted
 * driver and for the S3 driver against s3rver. The database writes around it (one
 * quarantine row, one update) are the send path's kind of cost and are benchmarked there.
 *
 * BENCH_ATTACHMENT_RUNS (default 20) sets the measured operations per row.
 */
import { randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { largePhotoJpeg } from "../../lib/files/test-files";
import { sanitizeImage } from "../../lib/files/sanitize-image";
import { scanBytes } from "../../lib/scanner/scan-bytes";
import { createLocalStorage } from "../../lib/storage/local-storage";
import { createS3Storage } from "../../lib/storage/s3-storage";
import { newStorageKey } from "../../lib/storage/storage-key";
import type { DocumentStorage } from "../../lib/storage/storage-types";
import { run, summarize } from "./measure";
import { keyValues, latencyTable } from "./report";

const runs = Number(process.env.BENCH_ATTACHMENT_RUNS ?? 20);
if (!Number.isInteger(runs) || runs < 1 || runs > 10_000) throw new Error("BENCH_ATTACHMENT_RUNS must be a whole number from 1 to 10000");

function clamdSocket(): { socket: string; stop: () => void } {
  if (process.env.CLAMD_SOCKET) return { socket: process.env.CLAMD_SOCKET, stop: () => undefined };
  const wasRunning = (() => {
    try {
      execFileSync("bash", ["scripts/ci/ensure-clamav.sh", "status"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();
  const socket = execFileSync("bash", ["scripts/ci/ensure-clamav.sh", "start"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
  return { socket, stop: () => (wasRunning ? undefined : execFileSync("bash", ["scripts/ci/ensure-clamav.sh", "stop"], { stdio: "inherit" })) };
}

async function main() {
  const clamd = clamdSocket();
  const dir = mkdtempSync(path.join(os.tmpdir(), "concierge-bench-files-"));
  const s3 = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: path.join(dir, "s3"), configureBuckets: [{ name: "bench" }] });
  try {
    const { port } = await s3.run();
    const local = createLocalStorage(path.join(dir, "local"), () => randomBytes(32));
    const s3Storage = createS3Storage({ bucket: "bench", region: "us-east-1", endpoint: `http://127.0.0.1:${port}`, forcePathStyle: true, accessKeyId: "S3RVER", secretAccessKey: "S3RVER", sse: "AES256" });
    const photo = await largePhotoJpeg(5 * 1024 * 1024);
    const target = { path: clamd.socket };

    const scanAndStore = (storage: DocumentStorage) => async () => {
      const verdict = await scanBytes(photo, { target });
      if (verdict.verdict !== "clean") throw new Error(`scan: ${verdict.verdict}`);
      const image = await sanitizeImage(photo, "image/jpeg");
      await storage.put(newStorageKey(), image.bytes, { contentType: "image/jpeg" });
      await storage.put(newStorageKey(), image.thumbnail, { contentType: "image/webp" });
    };
    const rows = [
      await run({ name: "scan (clamd INSTREAM)", count: runs, warmup: 3, concurrency: 1, op: () => scanBytes(photo, { target }) }),
      await run({ name: "re-encode + thumbnail", count: runs, warmup: 3, concurrency: 1, op: () => sanitizeImage(photo, "image/jpeg") }),
      await run({ name: "scan+re-encode+store local", count: runs, warmup: 3, concurrency: 1, op: scanAndStore(local) }),
      await run({ name: "scan+re-encode+store s3", count: runs, warmup: 3, concurrency: 1, op: scanAndStore(s3Storage) }),
    ];
    console.log("\nScan and store of a 5 MB photo\n");
    console.log(
      keyValues([
        ["photo", `${(photo.byteLength / 1_000_000).toFixed(1)} MB JPEG`],
        ["machine", `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "?"}, Node ${process.version}`],
        ["runs", `${runs} measured per row, sequential`],
      ]),
    );
    console.log(`\n${latencyTable(rows.map(summarize))}\n`);
  } finally {
    await s3.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    clamd.stop();
  }
}

await main();
