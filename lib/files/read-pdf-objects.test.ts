// Review finding 9: the PDF checks wait in a bounded line. Above it an upload is refused at
// once — 503 problem+json with Retry-After — instead of waiting with its bytes held in memory.
// The two running checks are held busy by a stand-in program that takes its time (a real
// process, like qpdf, through the same shell and limits).
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BusyError } from "../errors";
import { problemFromError } from "../http/problem";
import { MAX_PDF_CHECKS_WAITING, PDF_CHECKS_AT_ONCE, readPdfObjects } from "./read-pdf-objects";

const work = mkdtempSync(join(tmpdir(), "pdf-busy-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function slowProgram(seconds: number): string {
  const program = join(work, `slow-${seconds}.sh`);
  writeFileSync(program, `#!/bin/sh\nsleep ${seconds}\nexit 2\n`);
  chmodSync(program, 0o700);
  return program;
}

describe("readPdfObjects under a burst of uploads", () => {
  it("refuses at once (BusyError) when the line of waiting checks is full, and takes new ones again once it drains", async () => {
    const program = slowProgram(1);
    const bytes = new Uint8Array(1024);
    const admitted = Array.from({ length: PDF_CHECKS_AT_ONCE + MAX_PDF_CHECKS_WAITING }, () => readPdfObjects(bytes, { program }));
    const started = Date.now();
    const refused = await readPdfObjects(bytes, { program }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeLessThan(500); // refused without waiting
    expect(refused).toBeInstanceOf(BusyError);
    expect(refused).toMatchObject({ code: "UNAVAILABLE", retryAfterSeconds: expect.any(Number) });

    // Every admitted check still ran to its (failing, fail-closed) end.
    const results = await Promise.all(admitted);
    expect(results.every((r) => !r.ok && r.reason === "unreadable")).toBe(true);
    // Drained: accepted again.
    await expect(readPdfObjects(bytes, { program: slowProgram(0) })).resolves.toMatchObject({ ok: false });
  }, 30_000);

  it("is answered as 503 problem+json with Retry-After", async () => {
    const response = problemFromError(new BusyError("Busy checking other files. Try again in a few seconds.", 5));
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toMatchObject({ status: 503, code: "UNAVAILABLE" });
  });
});
