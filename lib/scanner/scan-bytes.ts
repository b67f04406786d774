/**
 * Scans bytes held in memory with ClamAV: clamd's INSTREAM command through the `clamscan`
 * package (DESIGN.md §1, §4), over the unix socket or TCP address found by scannerTarget().
 *
 * ⚠ Security-critical. scanBytes never throws for a scanner problem and answers "clean" only
 * when clamd said the whole stream is clean (see scan-result.ts). Everything else — no
 * daemon, a refused or broken connection, a time-out, an oversize stream, a reply it does not
 * understand — is { verdict: "error" }: the caller keeps the file quarantined (fail closed).
 * The package never falls back to a local binary by itself (localFallback: false): a
 * configured daemon that is down must show as an error. Only when no daemon is configured or
 * found at all is the `clamscan` program used (scan-with-binary.ts).
 */
import { Readable } from "node:stream";
import type { Socket } from "node:net";
import NodeClam from "clamscan";
import { scannerTarget, type Target } from "./clamd-ping";
import { classifyScanFailure, scanError, verdictFromScanStream, type ScanResult } from "./scan-result";
import { scannerBinary, scanWithBinary, type ScannerBinary } from "./scan-with-binary";

export type { ScanErrorReason, ScanResult } from "./scan-result";

/**
 * The largest stream we send: clamd's StreamMaxLength (Debian's default, and the tests'
 * clamd.conf: 25M = 25 MiB). clamd drops a longer stream mid-way (the client sees EPIPE), so
 * larger inputs are refused up front as "too_large". The daemon's limit must not be lower.
 */
export const DEFAULT_MAX_SCAN_BYTES = 25 * 1024 * 1024;

/** Whole-scan deadline: connecting, streaming and clamd's verdict. */
export const DEFAULT_SCAN_TIMEOUT_MS = 30_000;

/** INSTREAM chunk size; clamd reads each chunk whole. */
const CHUNK_BYTES = 64 * 1024;

/** clamscan loads the full signature database on every run: much slower than the daemon. */
export const DEFAULT_BINARY_TIMEOUT_MS = 120_000;

export type ScanOptions = {
  /** The daemon; default scannerTarget() (CLAMD_SOCKET, CLAMD_HOST/CLAMD_PORT, Debian's socket). */
  target?: Target | null;
  /** The program used when there is no daemon; default scannerBinary() (CLAMSCAN_PATH or /usr/bin/clamscan). */
  binary?: ScannerBinary | null;
  binaryTimeoutMs?: number;
  timeoutMs?: number;
  maxBytes?: number;
};

/**
 * NodeClam keeps the connection to itself; this keeps hold of it so a scan abandoned at the
 * deadline does not leave a socket open on a stuck daemon (the package only half-closes on
 * idle). If a later package version renames _initSocket this simply stops being called.
 */
class TrackedNodeClam extends NodeClam {
  readonly sockets: Socket[] = [];

  protected override async _initSocket(label?: string): Promise<Socket> {
    const socket = await super._initSocket(label);
    this.sockets.push(socket);
    return socket;
  }
}

function clamdscanSettings(target: Target, timeoutMs: number) {
  const address = "path" in target ? { socket: target.path } : { host: target.host, port: target.port };
  return {
    ...address,
    timeout: timeoutMs,
    localFallback: false,
    // No `clamdscan --version` probe (path: null) and no PING at init (bypassTest): the scan
    // itself is the test, and a dead daemon fails it as "unavailable".
    path: null,
    bypassTest: true,
    active: true,
  };
}

function chunkedStream(bytes: Buffer): Readable {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) chunks.push(bytes.subarray(offset, offset + CHUNK_BYTES));
  return Readable.from(chunks, { objectMode: false });
}

export async function scanBytes(bytes: Uint8Array | Buffer, options: ScanOptions = {}): Promise<ScanResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_SCAN_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_SCAN_TIMEOUT_MS;
  if (bytes.byteLength > maxBytes) return scanError("too_large");
  // clamscan sends no INSTREAM command for a stream without chunks, so clamd would not be
  // asked at all; an empty upload is refused before it gets here anyway. Not "clean".
  if (bytes.byteLength === 0) return scanError("unclear");

  let target: Target | null;
  let binary: ScannerBinary | null = null;
  try {
    target = options.target === undefined ? scannerTarget() : options.target;
    // No daemon configured or found at all: the clamscan program, if installed. Never when a
    // daemon is configured but down — that is an outage, and the file waits (fail closed).
    if (!target) binary = options.binary === undefined ? scannerBinary() : options.binary;
  } catch {
    return scanError("unavailable"); // configuration unreadable: no scanner to ask
  }
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!target) return binary ? scanWithBinary(buffer, binary, options.binaryTimeoutMs ?? DEFAULT_BINARY_TIMEOUT_MS) : scanError("unavailable");

  const input = chunkedStream(buffer);
  const clam = new TrackedNodeClam();

  const scan = (async (): Promise<ScanResult> => {
    try {
      await clam.init({
        removeInfected: false,
        quarantineInfected: false,
        scanLog: null,
        debugMode: false,
        preference: "clamdscan",
        clamscan: { active: false },
        clamdscan: clamdscanSettings(target, timeoutMs),
      });
      return verdictFromScanStream(await clam.scanStream(input));
    } catch (error) {
      return scanError(classifyScanFailure(error));
    }
  })();

  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<ScanResult>((resolve) => {
    timer = setTimeout(() => resolve(scanError("timeout")), timeoutMs);
  });
  try {
    return await Promise.race([scan, deadline]);
  } finally {
    clearTimeout(timer);
    // Nothing more is read from a finished or abandoned scan.
    input.destroy();
    for (const socket of clam.sockets) socket.destroy();
  }
}
