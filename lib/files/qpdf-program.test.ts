import { existsSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";

async function loadQpdfProgram() {
  vi.resetModules();
  return (await import("./qpdf-program")).qpdfProgram();
}

describe("qpdfProgram", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("finds Debian's qpdf when QPDF_PATH is unset", async () => {
    vi.stubEnv("QPDF_PATH", undefined);
    expect(existsSync("/usr/bin/qpdf")).toBe(true); // scripts/test.sh installs it
    expect(await loadQpdfProgram()).toBe("/usr/bin/qpdf");
  });

  it("takes QPDF_PATH as given", async () => {
    vi.stubEnv("QPDF_PATH", "/opt/qpdf/bin/qpdf");
    expect(await loadQpdfProgram()).toBe("/opt/qpdf/bin/qpdf");
  });

  it("refuses a QPDF_PATH that is not an absolute path, naming the variable", async () => {
    vi.stubEnv("QPDF_PATH", "qpdf");
    await expect(loadQpdfProgram()).rejects.toThrow(/QPDF_PATH: must be the absolute path of the qpdf program/);
  });
});
