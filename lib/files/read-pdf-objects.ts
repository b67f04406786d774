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
 *  - over TIMEOUT_MS or MAX_OUTPUT_BYTES of JSON (a file crafted out of millions of objects).
 * Runs at most PDF_CHECKS_AT_ONCE at a time per instance (p-limit), so a burst of uploads
 * cannot start dozens of processes.
 *
 * qpdf cannot read standard input (it needs to seek), so the bytes go to a private
 * temporary directory (mode 0700, file 0600) for the few milliseconds of the run and are
 * removed in every case. Nothing of the file is logged, nor qpdf's messages (they may quote
 * names from the file).
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pLimit from "p-limit";

/** A clean read of a 20 MB scan takes well under a second; a crafted file is cut off here. */
export const TIMEOUT_MS = 15_000;
/** JSON for every object but stream data: a few kB per page in real files. */
export const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
const PDF_CHECKS_AT_ONCE = 2;

/** A PDF object as qpdf's JSON v2 writes it: names "/Name", references "12 0 R", strings "u:text" or "b:hex". */
export type PdfJsonValue = string | number | boolean | null | PdfJsonValue[] | { [key: string]: PdfJsonValue };

/** "obj:12 0 R" and "trailer" → { value } for ordinary objects, { stream: { dict } } for streams. */
export type PdfObjects = Record<string, { value?: PdfJsonValue; stream?: { dict?: PdfJsonValue } }>;

export type PdfReadFailure = "unavailable" | "encrypted" | "unreadable";
export type PdfRead = { ok: true; objects: PdfObjects } | { ok: false; reason: PdfReadFailure };

export type ReadPdfOptions = { program: string; timeoutMs?: number; maxOutputBytes?: number };

const oneSlot = pLimit(PDF_CHECKS_AT_ONCE);

/** None of the app's configuration (secrets, database address) reaches the child; qpdf needs none. (Next's typings insist on NODE_ENV.) */
const childEnvironment = { LC_ALL: "C" } as Partial<NodeJS.ProcessEnv> as NodeJS.ProcessEnv;

export function readPdfObjects(bytes: Uint8Array, options: ReadPdfOptions): Promise<PdfRead> {
  return oneSlot(() => readInTempFile(bytes, options));
}

async function readInTempFile(bytes: Uint8Array, options: ReadPdfOptions): Promise<PdfRead> {
  const directory = await mkdtemp(join(tmpdir(), "concierge-pdf-"));
  try {
    const file = join(directory, "upload.pdf");
    await writeFile(file, bytes, { mode: 0o600 });
    return await runQpdf(file, options);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

function runQpdf(file: string, { program, timeoutMs = TIMEOUT_MS, maxOutputBytes = MAX_OUTPUT_BYTES }: ReadPdfOptions): Promise<PdfRead> {
  // "encrypt" tells whether the file is encrypted (qpdf opens those with an empty user password).
  const args = ["--json=2", "--json-key=encrypt", "--json-key=qpdf", "--json-stream-data=none", "--", file];
  return new Promise((resolve) => {
    execFile(program, args, { timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: maxOutputBytes, encoding: "utf8", env: childEnvironment, windowsHide: true }, (error, stdout, stderr) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT" || code === "EACCES") return resolve({ ok: false, reason: "unavailable" });
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
