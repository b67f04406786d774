import { describe, expect, it } from "vitest";
import { classifyScanFailure, verdictFromScanStream } from "./scan-result";

describe("verdictFromScanStream", () => {
  it("is clean only for isInfected === false", () => {
    expect(verdictFromScanStream({ isInfected: false, viruses: [] })).toEqual({ verdict: "clean" });
    // clamscan answers null for replies it cannot parse (e.g. "UNKNOWN COMMAND"): never clean.
    for (const result of [{ isInfected: null }, {}, { isInfected: "false" }, { isInfected: 0 }, null, undefined, "stream: OK"]) {
      expect(verdictFromScanStream(result)).toEqual({ verdict: "error", reason: "unclear" });
    }
    expect(verdictFromScanStream({ isInfected: null, timeout: true })).toEqual({ verdict: "error", reason: "timeout" });
    expect(verdictFromScanStream({ isInfected: null, timeout: false, resultString: "COMMAND READ TIMED OUT\0" })).toEqual({ verdict: "error", reason: "timeout" });
  });

  it("is infected even without a parsed signature name", () => {
    expect(verdictFromScanStream({ isInfected: true, viruses: ["A", "B"] })).toEqual({ verdict: "infected", signature: "A, B" });
    expect(verdictFromScanStream({ isInfected: true, viruses: [] })).toEqual({ verdict: "infected", signature: "unknown" });
    expect(verdictFromScanStream({ isInfected: true })).toEqual({ verdict: "infected", signature: "unknown" });
  });
});

describe("classifyScanFailure", () => {
  const withCode = (code: string) => Object.assign(new Error(code), { code });

  it("separates an unreachable daemon from a broken scan", () => {
    expect(classifyScanFailure(withCode("ENOENT"))).toBe("unavailable");
    expect(classifyScanFailure(withCode("ECONNREFUSED"))).toBe("unavailable");
    expect(classifyScanFailure(withCode("EPIPE"))).toBe("unclear");
    expect(classifyScanFailure(withCode("ECONNRESET"))).toBe("unclear");
    expect(classifyScanFailure(new Error("Scan aborted. Reply from server: "))).toBe("unclear");
    expect(classifyScanFailure("something odd")).toBe("unclear");
  });

  it("recognises time-outs and clamd's size limit", () => {
    expect(classifyScanFailure(new Error("Connection to host has timed out."))).toBe("timeout");
    expect(classifyScanFailure(withCode("ETIMEDOUT"))).toBe("timeout");
    expect(classifyScanFailure(new Error("An error occurred while scanning the piped-through stream: INSTREAM size limit exceeded."))).toBe("too_large");
  });
});
