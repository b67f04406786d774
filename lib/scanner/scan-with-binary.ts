/**
 * The fallback when no ClamAV daemon is configured or found (DESIGN.md §1): the `clamscan`
 * program, reading the bytes from its standard input (nothing is written to disk). It loads
 * the whole signature database on every call — seconds with the full database — so it suits
 * small installations only; a daemon is always preferred when there is one.
 *
 * ⚠ Fail closed, as scan-bytes.ts: "clean" only for exit status 0 from a run that read every
 * byte. `clamscan` skips files over its size limits and calls them OK, so the limits are set
 * above our own maximum and --alert-exceeds-max turns any skipped content into a detection.
 * Exit 1 is infected; anything else (exit 2, a crash, a time-out, no program) is an error.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { getEnv } from "../env";
import { scanError, type ScanResult } from "./scan-result";

export type ScannerBinary = { path: string; databaseDir: string | null };

const defaultPaths = ["/usr/bin/clamscan", "/usr/local/bin/clamscan"];
const maxOutputBytes = 64 * 1024;

/** CLAMSCAN_PATH, else the usual install locations; null when there is none. */
export function scannerBinary(): ScannerBinary | null {
  const env = getEnv();
  const path = env.CLAMSCAN_PATH ?? defaultPaths.find((p) => existsSync(p));
  return path ? { path, databaseDir: env.CLAMAV_DATABASE_DIR ?? null } : null;
}

export function clamscanArguments(binary: ScannerBinary): string[] {
  return [
    "--no-summary",
    "--stdout",
    // Our uploads are at most 25 MiB; clamscan's own limits must never make it skip content.
    "--max-filesize=100M",
    "--max-scansize=400M",
    "--alert-exceeds-max=yes",
    ...(binary.databaseDir ? [`--database=${binary.databaseDir}`] : []),
    "-",
  ];
}

/** Maps clamscan's exit status and output onto a verdict. Pure, unit-tested. */
export function verdictFromClamscan(exitCode: number | null, output: string): ScanResult {
  if (exitCode === 0) return { verdict: "clean" };
  if (exitCode === 1) {
    const names = [...output.matchAll(/^stdin: (.+) FOUND$/gm)].map((m) => m[1]!.trim()).filter(Boolean);
    return { verdict: "infected", signature: names.length > 0 ? names.join(", ") : "unknown" };
  }
  return scanError("unclear");
}

export function scanWithBinary(bytes: Buffer, binary: ScannerBinary, timeoutMs: number): Promise<ScanResult> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: ScanResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const child = spawn(binary.path, clamscanArguments(binary), { stdio: ["pipe", "pipe", "ignore"] });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      finish(scanError("timeout"));
    }, timeoutMs);
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      if (output.length < maxOutputBytes) output += chunk.toString("utf8");
    });
    child.on("error", (error: NodeJS.ErrnoException) => finish(scanError(error.code === "ENOENT" || error.code === "EACCES" ? "unavailable" : "unclear")));
    child.on("close", (code) => finish(verdictFromClamscan(code, output)));
    // A program that exits early (no database) closes its input: that is its exit status's business.
    child.stdin.on("error", () => undefined);
    child.stdin.end(bytes);
  });
}
