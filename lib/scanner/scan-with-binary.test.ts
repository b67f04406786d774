import { describe, expect, it } from "vitest";
import { clamscanArguments, verdictFromClamscan } from "./scan-with-binary";

describe("verdictFromClamscan", () => {
  it("is clean only for exit status 0", () => {
    expect(verdictFromClamscan(0, "stdin: OK\n")).toEqual({ verdict: "clean" });
    expect(verdictFromClamscan(2, "")).toEqual({ verdict: "error", reason: "unclear" });
    expect(verdictFromClamscan(null, "")).toEqual({ verdict: "error", reason: "unclear" });
    expect(verdictFromClamscan(137, "stdin: OK\n")).toEqual({ verdict: "error", reason: "unclear" });
  });

  it("names the signatures found, and stays infected when it cannot parse one", () => {
    expect(verdictFromClamscan(1, "stdin: Concierge.Test.EICAR.UNOFFICIAL FOUND\n")).toEqual({ verdict: "infected", signature: "Concierge.Test.EICAR.UNOFFICIAL" });
    expect(verdictFromClamscan(1, "garbled")).toEqual({ verdict: "infected", signature: "unknown" });
  });
});

describe("clamscanArguments", () => {
  it("reads stdin, never skips content over its limits, and uses the given database", () => {
    const args = clamscanArguments({ path: "/usr/bin/clamscan", databaseDir: "/db" });
    expect(args.at(-1)).toBe("-");
    expect(args).toContain("--alert-exceeds-max=yes");
    expect(args).toContain("--database=/db");
    expect(clamscanArguments({ path: "/usr/bin/clamscan", databaseDir: null }).some((a) => a.startsWith("--database"))).toBe(false);
  });
});
