/**
 * scanBytes against the real clamd with the test signature set (scripts/ci/ensure-clamav.sh:
 * one body signature for the EICAR test string). scripts/test.sh starts clamd and exports
 * CLAMD_SOCKET; when it is unset (`npx vitest run` alone) this file starts clamd itself with
 * the same script, and stops it afterwards if it was not already running.
 *
 * The EICAR string is built here at run time; no EICAR file is kept in the repository.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { deflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_MAX_SCAN_BYTES, scanBytes } from "./scan-bytes";

const script = path.resolve("scripts/ci/ensure-clamav.sh");
let startedHere = false;
let scratch = "";

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), "concierge-scan-"));
  if (process.env.CLAMD_SOCKET) return;
  const alreadyRunning = spawnSync("bash", [script, "status"]).status === 0;
  const socket = execFileSync("bash", [script, "start"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
  if (!socket) throw new Error(`${script} printed no socket path`);
  startedHere = !alreadyRunning;
  // Read by lib/env.ts on first use: the scans below go through the app's own configuration.
  process.env.CLAMD_SOCKET = socket;
}, 180_000);

afterAll(() => {
  if (startedHere) execFileSync("bash", [script, "stop"], { stdio: "inherit" });
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** The EICAR anti-virus test string, assembled so the source file itself is not a test file. */
const eicar = () => Buffer.from(["X5O!P%@AP[4\\PZX54(P^)7CC)7}$", "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"].join(""), "latin1");

/** A valid 2×2 baseline JPEG (SOI … EOI), 268 bytes. */
const jpeg = () =>
  Buffer.from(
    "/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAACAAIDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAABf/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AJgBh5//2Q==",
    "base64",
  );

/** A minimal one-page PDF with a correct xref table; `payload` goes in as a second stream object. */
function pdf(payload: Buffer, { deflate = false } = {}): Buffer {
  const body = deflate ? deflateSync(payload) : payload;
  const objects: Buffer[] = [
    Buffer.from("<< /Type /Catalog /Pages 2 0 R >>"),
    Buffer.from("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
    Buffer.from("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>"),
    Buffer.concat([Buffer.from(`<< /Length ${body.length}${deflate ? " /Filter /FlateDecode" : ""} >>\nstream\n`), body, Buffer.from("\nendstream")]),
  ];
  const parts: Buffer[] = [Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  objects.forEach((object, i) => {
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), object, Buffer.from("\nendobj\n")]);
    offsets.push(length);
    parts.push(chunk);
    length += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, "0000000000 65535 f \n", ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`)].join("");
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`));
  return Buffer.concat(parts);
}

const pageText = Buffer.from("BT /F1 12 Tf 20 100 Td (Lab results) Tj ET");

describe("scanBytes with clamd and the test signatures", () => {
  it("finds clean bytes clean (through CLAMD_SOCKET, the app's configuration)", async () => {
    expect(await scanBytes(Buffer.from("Dear care team, my prescription ran out."))).toEqual({ verdict: "clean" });
    expect(await scanBytes(new Uint8Array(jpeg()))).toEqual({ verdict: "clean" });
    expect(await scanBytes(pdf(pageText))).toEqual({ verdict: "clean" });
  });

  it("finds EICAR on its own and names the signature", async () => {
    const result = await scanBytes(eicar());
    expect(result.verdict).toBe("infected");
    expect(result.verdict === "infected" && result.signature).toMatch(/EICAR/);
  });

  it("finds EICAR appended after a valid JPEG", async () => {
    const image = jpeg();
    expect([image[0], image[1], image.at(-2), image.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
    expect(await scanBytes(Buffer.concat([image, eicar()]))).toMatchObject({ verdict: "infected" });
  });

  it("finds EICAR inside a PDF stream, plain and Flate-compressed", async () => {
    const plain = pdf(eicar());
    expect(plain.subarray(0, 5).toString()).toBe("%PDF-");
    expect(await scanBytes(plain)).toMatchObject({ verdict: "infected" });
    // Compressed, the EICAR bytes are not in the file: ClamAV has to decode the stream.
    const compressed = pdf(eicar(), { deflate: true });
    expect(compressed.includes(eicar())).toBe(false);
    expect(await scanBytes(compressed)).toMatchObject({ verdict: "infected" });
  });

  it("scans a stream of exactly the limit to its last byte, and refuses one byte more", async () => {
    const atLimit = Buffer.alloc(DEFAULT_MAX_SCAN_BYTES, 0x20);
    eicar().copy(atLimit, DEFAULT_MAX_SCAN_BYTES - eicar().length);
    expect(await scanBytes(atLimit)).toMatchObject({ verdict: "infected" });

    const overLimit = Buffer.alloc(DEFAULT_MAX_SCAN_BYTES + 1, 0x20);
    expect(await scanBytes(overLimit)).toEqual({ verdict: "error", reason: "too_large" });
  });

  it("is an error, not clean, when clamd's own StreamMaxLength cuts the stream off", async () => {
    // As if the app's limit were set above the daemon's: clamd refuses mid-stream.
    const result = await scanBytes(Buffer.alloc(DEFAULT_MAX_SCAN_BYTES + 1024 * 1024, 0x20), { maxBytes: Number.MAX_SAFE_INTEGER });
    expect(result.verdict).toBe("error");
  });

  it("answers unavailable, without throwing, when nothing listens", async () => {
    const nowhere = path.join(scratch, "no-clamd.sock");
    await expect(scanBytes(eicar(), { target: { path: nowhere } })).resolves.toEqual({ verdict: "error", reason: "unavailable" });
    await expect(scanBytes(eicar(), { target: { host: "127.0.0.1", port: 1 } })).resolves.toEqual({ verdict: "error", reason: "unavailable" });
    await expect(scanBytes(eicar(), { target: null, binary: null })).resolves.toEqual({ verdict: "error", reason: "unavailable" });
  });
});

describe("scanBytes with the clamscan program (no daemon configured or found)", () => {
  const clamscan = ["/usr/bin/clamscan", "/usr/local/bin/clamscan"].find((p) => spawnSync("test", ["-x", p]).status === 0);
  const database = path.resolve(".test-data/clamav/db");
  const binary = clamscan ? { path: clamscan, databaseDir: database } : null;

  it("finds EICAR, passes clean bytes, and fails closed without a database", async () => {
    expect(binary, "clamscan is installed with clamav (scripts/ci/ensure-clamav.sh)").not.toBeNull();
    const noDaemon = { target: null, binary };
    const infected = await scanBytes(Buffer.concat([Buffer.from("%PDF-1.4\n"), eicar()]), noDaemon);
    expect(infected).toMatchObject({ verdict: "infected" });
    expect((infected as { signature: string }).signature).toMatch(/EICAR/i);
    expect(await scanBytes(Buffer.from("an ordinary document"), noDaemon)).toEqual({ verdict: "clean" });
    // An empty database directory: clamscan refuses to run (exit 2) — an error, never clean.
    const empty = mkdtempSync(path.join(tmpdir(), "concierge-nodb-"));
    try {
      expect(await scanBytes(Buffer.from("an ordinary document"), { target: null, binary: { path: binary!.path, databaseDir: empty } })).toEqual({ verdict: "error", reason: "unclear" });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    // No such program: unavailable.
    expect(await scanBytes(Buffer.from("x"), { target: null, binary: { path: "/nonexistent/clamscan", databaseDir: null } })).toEqual({ verdict: "error", reason: "unavailable" });
  }, 60_000);

  it("is never used when a daemon is configured but down (the file waits instead)", async () => {
    const result = await scanBytes(eicar(), { target: { path: path.join(scratch, "down.sock") }, binary });
    expect(result).toEqual({ verdict: "error", reason: "unavailable" });
  });
});
