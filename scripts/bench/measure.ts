/**
 * Timing helpers of the benchmark: a bounded worker pool that runs a fixed number of
 * operations at a fixed concurrency, and latency percentiles. No database here.
 */

export type Sample = {
  /** What was measured, e.g. "sendMessage". */
  name: string;
  /** Concurrent workers (1 = sequential). */
  concurrency: number;
  /** Latency of every successful measured operation, in milliseconds. */
  latencies: number[];
  /** Failed measured operations (their latency is not in `latencies`). */
  errors: number;
  /** The first few distinct error messages (codes and messages only, never row contents). */
  errorKinds: string[];
  /** Wall time of the measured part, in milliseconds. */
  wallMs: number;
  /** CPU time (user + system) this Node process spent during the measured part, in milliseconds. */
  cpuMs: number;
};

export type RunOptions = {
  name: string;
  /** Measured operations. */
  count: number;
  /** Operations run first and left out of the figures. */
  warmup: number;
  concurrency: number;
  /** The operation number `i` (0-based, warm-up first, then the measured ones). */
  op: (i: number) => Promise<unknown>;
};

/**
 * Runs `warmup` operations, then `count` measured ones, each phase with `concurrency`
 * workers pulling the next operation number until none is left (bounded: every loop ends
 * after a fixed number of operations).
 */
export async function run(options: RunOptions): Promise<Sample> {
  const { name, count, warmup, concurrency, op } = options;
  await pool(warmup, concurrency, (i) => op(i), () => {});

  const latencies: number[] = [];
  const errorKinds = new Set<string>();
  let errors = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await pool(
    count,
    concurrency,
    async (i) => {
      const t0 = performance.now();
      await op(warmup + i);
      latencies.push(performance.now() - t0);
    },
    (error) => {
      errors += 1;
      if (errorKinds.size < 5) errorKinds.add(describeError(error));
    },
  );
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { name, concurrency, latencies, errors, errorKinds: [...errorKinds], wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

async function pool(count: number, concurrency: number, task: (i: number) => Promise<unknown>, onError: (error: unknown) => void): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      try {
        await task(i);
      } catch (error) {
        onError(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
}

/** An error's class, code and first line: enough to diagnose, no row contents. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 160);
  const code = (error as { code?: unknown }).code;
  const firstLine = error.message.split("\n").find((l) => l.trim() !== "") ?? "";
  return `${error.constructor.name}${typeof code === "string" ? ` ${code}` : ""}: ${firstLine.slice(0, 160)}`;
}

/** Nearest-rank percentile of an ascending array (p in 0–100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export type Summary = {
  name: string;
  concurrency: number;
  ok: number;
  errors: number;
  opsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  /** Node CPU milliseconds per operation (the app side: Prisma, the driver, the domain code). */
  cpuPerOp: number;
};

export function summarize(s: Sample): Summary {
  const sorted = [...s.latencies].sort((a, b) => a - b);
  const total = sorted.reduce((a, b) => a + b, 0);
  return {
    name: s.name,
    concurrency: s.concurrency,
    ok: sorted.length,
    errors: s.errors,
    opsPerSecond: s.wallMs > 0 ? (sorted.length / s.wallMs) * 1000 : Number.NaN,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    mean: sorted.length ? total / sorted.length : Number.NaN,
    cpuPerOp: s.latencies.length + s.errors > 0 ? s.cpuMs / (s.latencies.length + s.errors) : Number.NaN,
  };
}
