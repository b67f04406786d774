/**
 * Where the qpdf program is (https://qpdf.readthedocs.io; Debian package `qpdf`): QPDF_PATH,
 * else the usual install locations. Like the virus scanner's clamscan look-up
 * (lib/scanner/scan-with-binary.ts). Without it PDFs cannot be checked, so they are refused
 * (check-pdf.ts): fail closed.
 */
import { existsSync } from "node:fs";
import { getEnv } from "../env";

const defaultPaths = ["/usr/bin/qpdf", "/usr/local/bin/qpdf"];

/** The program to run, or null when none is configured or installed. */
export function qpdfProgram(): string | null {
  return getEnv().QPDF_PATH ?? defaultPaths.find((path) => existsSync(path)) ?? null;
}
