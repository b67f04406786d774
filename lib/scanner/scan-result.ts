/**
 * What a scan concludes, and how the `clamscan` package's answers and failures map onto it.
 * Pure, so the fail-closed rules are unit-tested without a daemon (scan-result.test.ts).
 *
 * ⚠ Security-critical: "clean" is the only verdict that lets a file through, and it comes
 * only from an explicit `isInfected === false` (clamd answered "stream: OK"). The package
 * also answers `isInfected: null` (an unrecognised reply, a clamd time-out); that, and
 * anything else unexpected, is an error, never clean.
 */

export type ScanErrorReason =
  /** No daemon configured or found, or it refused the connection. Retry later. */
  | "unavailable"
  /** No answer in time (ours or clamd's COMMAND READ TIMED OUT). Retry later. */
  | "timeout"
  /** Over the stream-size limit; clamd would cut the stream off. Do not retry. */
  | "too_large"
  /** clamd answered something other than OK or FOUND, or the connection broke mid-scan. */
  | "unclear";

export type ScanResult =
  | { verdict: "clean" }
  | { verdict: "infected"; signature: string }
  | { verdict: "error"; reason: ScanErrorReason };

export const scanError = (reason: ScanErrorReason): ScanResult => ({ verdict: "error", reason });

/** Maps what `NodeClam.scanStream` resolved with. */
export function verdictFromScanStream(result: unknown): ScanResult {
  if (!result || typeof result !== "object") return scanError("unclear");
  const { isInfected, viruses, timeout, resultString } = result as { isInfected?: unknown; viruses?: unknown; timeout?: unknown; resultString?: unknown };
  if (isInfected === true) {
    const names = Array.isArray(viruses) ? viruses.filter((v): v is string => typeof v === "string" && v.trim() !== "") : [];
    // Infected even when the package could not parse a name out of the reply.
    return { verdict: "infected", signature: names.length > 0 ? names.join(", ") : "unknown" };
  }
  if (isInfected === false) return { verdict: "clean" };
  // clamd's "COMMAND READ TIMED OUT" arrives NUL-terminated, which the package's exact
  // comparison misses (it answers isInfected: null, timeout: false); match it here.
  if (timeout === true || (typeof resultString === "string" && /^COMMAND READ TIMED OUT\b/.test(resultString))) return scanError("timeout");
  return scanError("unclear");
}

/** Errors that mean the daemon could not be reached at all (nothing was scanned). */
const unreachableCodes = new Set(["ENOENT", "ECONNREFUSED", "EACCES", "ENOTSOCK", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL"]);

/** Maps a failure of `NodeClam.init`/`scanStream` (or anything thrown on the way). */
export function classifyScanFailure(error: unknown): ScanErrorReason {
  const code = typeof error === "object" && error !== null && "code" in error ? String((error as { code: unknown }).code) : "";
  const message = error instanceof Error ? error.message : String(error);
  if (/size limit exceeded/i.test(message)) return "too_large";
  if (unreachableCodes.has(code)) return "unavailable";
  if (code === "ETIMEDOUT" || /timed out/i.test(message)) return "timeout";
  // EPIPE / ECONNRESET mid-stream (clamd cut the stream off: its StreamMaxLength is below ours,
  // or it died), "Scan aborted", an ERROR reply: the stream was not judged.
  return "unclear";
}
