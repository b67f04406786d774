/** Plain-text tables for the benchmark's output. Figures only: no names, no message text. */
import type { Summary } from "./measure";

export function table(headers: string[], rows: (string | number)[][], rightAligned: boolean[] = []): string {
  const cells = rows.map((r) => r.map(String));
  const widths = headers.map((h, c) => Math.max(h.length, ...cells.map((r) => (r[c] ?? "").length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) => (rightAligned[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join("  ")
      .trimEnd();
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "-");

export function latencyTable(summaries: Summary[]): string {
  return table(
    ["operation", "conc", "ok", "errors", "ops/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "node cpu ms/op"],
    summaries.map((s) => [
      s.name,
      s.concurrency,
      s.ok,
      s.errors,
      Number.isFinite(s.opsPerSecond) ? s.opsPerSecond.toFixed(0) : "-",
      ms(s.p50),
      ms(s.p95),
      ms(s.p99),
      ms(s.max),
      ms(s.cpuPerOp),
    ]),
    [false, true, true, true, true, true, true, true, true, true],
  );
}

export function keyValues(pairs: [string, string | number][]): string {
  const width = Math.max(...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join("\n");
}
