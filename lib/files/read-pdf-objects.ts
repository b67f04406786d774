/**
 * Reads every object of a PDF with qpdf, a maintained PDF library (DESIGN.md §6: never
 * hand-written byte scanning): `qpdf --json=2` lists each object of the cross-reference
 * table — those packed in compressed object streams included, with filters and predictors
 * undone, `#xx` name escapes decoded, encryption and repairs reported. What it prints is
 * the document as a reader sees it, for pdf-active-content.ts to judge.
 *
 * ⚠ Security-critical, fail closed: anything short of a clean read is a refusal —
 *  - exit status 3 (warnings: qpdf had to repair or skip something, so another reader may
 *    see the file differently) or 2 (errors), a crash, no program;
 *  - encryption (streams and strings we would have to decrypt to judge);
 *  - over TIMEOUT_MS, MAX_OUTPUT_BYTES of JSON or MAX_MEMORY_KIB of memory: a 20 MB file
 *    crafted of 600,000 tiny objects made qpdf take 13 s and 860 MB and print 61 MB of JSON;
 *    real documents take milliseconds and a few MB (a 650-object manual: 25 ms, 160 kB). The
 *    memory bound is the shell's `ulimit -v` around qpdf (Node cannot set a child's limits).
 * Runs at most PDF_CHECKS_AT_ONCE at a time per instance (p-limit), so a burst of uploads
 * cannot start dozens of processes; and at most MAX_PDF_CHECKS_WAITING more wait for a turn.
 * ⚠ Beyond that an upload is refused at once (BusyError: 503 with Retry-After, fail closed):
 * each waiting upload holds its bytes in memory, so an unbounded line was a way to exhaust it.
 *
 * qpdf cannot read standard input (it needs to seek), so the bytes go to a private
 * temporary directory (mode 0700, file 0600) for the few milliseconds of the run and are
 * removed in every case. Nothing of the file is logged, nor qpdf's messages (they may quote
 * names from the file).
 */
import { execFile } from "node:child_process";
import { constants } from "node:fs";
import { access, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pLimit from "p-limit";
import { BusyError } from "../errors";

/** A clean read of a 20 MB scan takes well under a second; a crafted file is cut off here. */
export const TIMEOUT_MS = 10_000;
/** JSON for every object but stream data, about 250 bytes an object: room for ~130,000 objects. */
export const MAX_OUTPUT_BYTES = 32 * 1024 * 1024;
/** Address space for qpdf (KiB). Ordinary files need a few tens of MB. */
export const MAX_MEMORY_KIB = 512 * 1024;
export const PDF_CHECKS_AT_ONCE = 2;
/** Uploads waiting for a check, at most (each holds its bytes: 8 × a 20 MB upload is 160 MB). */
export const MAX_PDF_CHECKS_WAITING = 8;
/** What the refusal suggests: a check takes milliseconds, a line of them a few seconds. */
const BUSY_RETRY_AFTER_SECONDS = 5;

/** A PDF object as qpdf's JSON v2 writes it: names "/Name", references "12 0 R", strings "u:text" or "b:hex". */
export type PdfJsonValue = string | number | boolean | null | PdfJsonValue[] | { [key: string]: PdfJsonValue };

/** "obj:12 0 R" and "trailer" → { value } for ordinary objects, { stream: { dict } } for streams. */
export type PdfObjects = Record<string, { value?: PdfJsonValue; stream?: { dict?: PdfJsonValue } }>;

export type PdfReadFailure = "unavailable" | "encrypted" | "unreadable";
export type PdfRead = { ok: true; objects: PdfObjects } | { ok: false; reason: PdfReadFailure };

export type ReadPdfOptions = { program: string; timeoutMs?: number; maxOutputBytes?: number; maxMemoryKib?: number };

const oneSlot = pLimit(PDF_CHECKS_AT_ONCE);

/** None of the app's configuration (secrets, database address) reaches the child; qpdf needs none. (Next's typings insist on NODE_ENV.) */
const childEnvironment = { LC_ALL: "C" } as Partial<NodeJS.ProcessEnv> as NodeJS.ProcessEnv;

export function readPdfObjects(bytes: Uint8Array, options: ReadPdfOptions): Promise<PdfRead> {
  if (oneSlot.activeCount + oneSlot.pendingCount >= PDF_CHECKS_AT_ONCE + MAX_PDF_CHECKS_WAITING) {
    return Promise.reject(new BusyError("Busy checking other files. Try again in a few seconds.", BUSY_RETRY_AFTER_SECONDS));
  }
  return oneSlot(() => readInTempFile(bytes, options));
}

async function readInTempFile(bytes: Uint8Array, options: ReadPdfOptions): Promise<PdfRead> {
  // Asked first: behind the shell, a missing program is only an exit status like any other.
  const runnable = await access(options.program, constants.X_OK).then(() => true, () => false);
  if (!runnable) return { ok: false, reason: "unavailable" };
  const directory = await mkdtemp(join(tmpdir(), "concierge-pdf-"));
  try {
    const file = join(directory, "upload.pdf");
    await writeFile(file, bytes, { mode: 0o600 });
    return await runQpdf(file, options);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

function runQpdf(file: string, { program, timeoutMs = TIMEOUT_MS, maxOutputBytes = MAX_OUTPUT_BYTES, maxMemoryKib = MAX_MEMORY_KIB }: ReadPdfOptions): Promise<PdfRead> {
  // "encrypt" tells whether the file is encrypted (qpdf opens those with an empty user password).
  const args = ["--json=2", "--json-key=encrypt", "--json-key=qpdf", "--json-stream-data=none", "--", file];
  // The program and its arguments are the shell's positional parameters, never parsed as shell text.
  const limited = ["-c", `ulimit -v ${Math.floor(maxMemoryKib)} && exec "$0" "$@"`, program, ...args];
  return new Promise((resolve) => {
    execFile("/bin/sh", limited, { timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: maxOutputBytes, encoding: "utf8", env: childEnvironment, windowsHide: true }, (error, stdout, stderr) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT" || code === "EACCES") return resolve({ ok: false, reason: "unavailable" }); // no /bin/sh
        // Exit 2 with a password error: encrypted with a password to open it.
        if (error.code === 2 && /invalid password/i.test(stderr)) return resolve({ ok: false, reason: "encrypted" });
        // Exit 3 (warnings), 2 (errors), killed at the time-out, over the output cap.
        return resolve({ ok: false, reason: "unreadable" });
      }
      resolve(fromJson(stdout));
    });
  });
}

/** qpdf's JSON, checked for the shape we rely on (anything else: unreadable). */
export function fromJson(text: string): PdfRead {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: "unreadable" };
  }
  if (!isRecord(parsed) || !isRecord(parsed.encrypt) || !Array.isArray(parsed.qpdf)) return { ok: false, reason: "unreadable" };
  if (parsed.encrypt.encrypted !== false) return { ok: false, reason: "encrypted" };
  const objects: unknown = parsed.qpdf[1];
  if (!isRecord(objects) || !isRecord(objects.trailer)) return { ok: false, reason: "unreadable" };
  return { ok: true, objects: objects as PdfObjects };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
