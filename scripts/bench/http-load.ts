/**
 * The load generator of `npm run bench:http`: a fixed number of concurrent request loops
 * (c), a warm-up that is left out, then a measured phase of fixed length. Requests go to
 * the instances in turn, as a round-robin load balancer would send them. It measures
 * latency per request, errors, the app's CPU time (every instance's process tree, from
 * /proc), the database backends' CPU time when a probe is given, and its own CPU time
 * (process.cpuUsage), so the client's share of the 2 cores shows.
 */
import type http from "node:http";
import { httpRequest, type HttpCall } from "./http-client";

export type Target = { agent: http.Agent; port: number };

export type Workload = {
  name: string;
  /** The i-th request of the run (i counts from 0 across warm-up and measured phase). */
  call(i: number): HttpCall;
  expectStatus: number;
};

export type WorkloadResult = {
  name: string;
  requests: number;
  errors: number;
  errorKinds: string[];
  seconds: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  max: number;
  appCpuMsPerReq: number;
  /** PostgreSQL backends of the bench database (same machine), NaN when not measured. */
  dbCpuMsPerReq: number;
  clientCpuMsPerReq: number;
  /**
   * The work the requests left behind (audit sealing, outbox stamping, notification passes),
   * app + database CPU from the end of the window until the servers were idle again, per
   * request of the window; and how long that took. Waiting for it keeps one workload's
   * background work out of the next one's figures.
   */
  afterWorkCpuMsPerReq: number;
  /** Of app CPU: the background-work instance's (NaN without one). */
  workerCpuMsPerReq: number;
  settleSeconds: number;
};

/**
 * CPU-time probes (ms, cumulative): the app instances, and optionally the database's
 * backends per pid (a backend can end or start during the phase: see backendsDelta).
 */
export type CpuProbes = {
  app: () => number;
  db?: () => Promise<Map<number, number>>;
  /** The background-work instance's share of `app` (BENCH_HTTP_WORKER=separate). */
  worker?: () => number;
};

/**
 * CPU spent by database backends between two snapshots: a backend that started meanwhile
 * counts in full, one that ended is left out (its last ticks cannot be read any more) —
 * never a negative figure.
 */
export function backendsDelta(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, cpu] of after) ms += Math.max(0, cpu - (before.get(pid) ?? 0));
  return ms;
}

export type LoadPlan = { concurrency: number; warmupSeconds: number; seconds: number };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function runWorkload(workload: Workload, targets: Target[], plan: LoadPlan, cpu: CpuProbes): Promise<WorkloadResult> {
  let next = 0;
  let measuring = false;
  let stopAt = 0;
  const latencies: number[] = [];
  let errors = 0;
  const errorKinds = new Map<string, number>();

  const loop = async () => {
    while (performance.now() < stopAt) {
      const i = next++;
      const target = targets[i % targets.length]!;
      const counted = measuring;
      const started = performance.now();
      let kind: string | null = null;
      try {
        const answer = await httpRequest(target.agent, target.port, { timeoutMs: 15_000, ...workload.call(i) });
        if (answer.status !== workload.expectStatus) kind = `HTTP ${answer.status}`;
      } catch (error) {
        kind = (error as NodeJS.ErrnoException).code ?? (error as Error).message.slice(0, 60);
      }
      // A request that began in the warm-up is not counted, even if it ends after it.
      if (!counted || !measuring) continue;
      latencies.push(performance.now() - started);
      if (kind) {
        errors++;
        errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
      }
    }
  };

  // Warm-up: the loops run; nothing is recorded.
  stopAt = performance.now() + (plan.warmupSeconds + plan.seconds) * 1000;
  const loops = Array.from({ length: plan.concurrency }, loop);
  await new Promise((r) => setTimeout(r, plan.warmupSeconds * 1000));
  const dbBefore = cpu.db ? await cpu.db() : null;
  const cpuBefore = cpu.app();
  const workerBefore = cpu.worker?.() ?? NaN;
  const clientBefore = process.cpuUsage();
  const measuredFrom = performance.now();
  measuring = true;
  await new Promise((r) => setTimeout(r, Math.max(0, stopAt - performance.now())));
  measuring = false;
  const seconds = (performance.now() - measuredFrom) / 1000;
  const cpuAfter = cpu.app();
  const workerAfter = cpu.worker?.() ?? NaN;
  const client = process.cpuUsage(clientBefore);
  const dbAfter = cpu.db ? await cpu.db() : null;
  await Promise.all(loops); // the requests still in flight end (not counted)
  const settled = await settle(cpu);
  const dbSettled = cpu.db ? await cpu.db() : null;
  const afterWorkMs = settled.appMs + (dbAfter && dbSettled ? backendsDelta(dbAfter, dbSettled) : 0);

  const sorted = [...latencies].sort((a, b) => a - b);
  const requests = latencies.length;
  const ok = requests - errors;
  return {
    name: workload.name,
    requests,
    errors,
    errorKinds: [...errorKinds].map(([k, n]) => `${k} ×${n}`),
    seconds,
    reqPerSec: ok / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
    appCpuMsPerReq: requests ? (cpuAfter - cpuBefore) / requests : NaN,
    dbCpuMsPerReq: requests && dbBefore && dbAfter ? backendsDelta(dbBefore, dbAfter) / requests : NaN,
    clientCpuMsPerReq: requests ? (client.user + client.system) / 1000 / requests : NaN,
    afterWorkCpuMsPerReq: requests ? afterWorkMs / requests : NaN,
    workerCpuMsPerReq: requests ? (workerAfter - workerBefore) / requests : NaN,
    settleSeconds: settled.seconds,
  };
}

/** Idle: the app instances together use less than this share of one core over a sample. */
const idleShare = 0.05;
const sampleMs = 500;
const settleMaxMs = 60_000;

/**
 * Waits until the app instances are idle (their CPU over a 500 ms sample below 5 % of one
 * core), at most 60 s; returns the app CPU spent meanwhile, the idle sample included.
 */
export async function settle(cpu: CpuProbes): Promise<{ appMs: number; seconds: number }> {
  const start = performance.now();
  const first = cpu.app();
  for (;;) {
    const before = cpu.app();
    await new Promise((r) => setTimeout(r, sampleMs));
    const used = cpu.app() - before;
    if (used < idleShare * sampleMs || performance.now() - start > settleMaxMs) {
      return { appMs: cpu.app() - first, seconds: (performance.now() - start) / 1000 };
    }
  }
}
