/**
 * Starts N production app instances (`node server.mjs`, the same front the product runs
 * behind) against one PostgreSQL database, on 127.0.0.1 only, for the HTTP benchmarks
 * (npm run bench:http, npm run bench:console). Builds nothing: `next build` must have run.
 *
 *   const app = await startAppInstances({ databaseUrl, count: 2 });
 *   … app.instances[i].origin, app.publicOrigin, app.cpuMs() …
 *   await app.stop();
 *
 * Each instance gets the production environment with fixed bench secrets (never used
 * anywhere else), DEMO_MODE off, MIGRATE_ON_START off (the caller migrated), LOG_LEVEL=warn,
 * two-step sign-in not required for staff (bench staff have no authenticator), and
 * JOB_WORKER on the first instance only. All instances share AUTH_URL = the first one's
 * origin: like N instances behind one load balancer, a session cookie issued by one is
 * accepted by every other, and a write's Origin header is that one public address.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, closeSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Fixed secrets of the bench servers: 32+ characters / base64 of 32 bytes, bench-only. */
export const benchSecrets = {
  AUTH_SECRET: "bench-only-auth-secret-not-for-production-0123456789",
  STORAGE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  MFA_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
  AUDIT_SEAL_KEY: Buffer.alloc(32, 11).toString("base64"),
} as const;

export type AppInstance = {
  index: number;
  port: number;
  /** http://127.0.0.1:<port> */
  origin: string;
  pid: number;
  child: ChildProcess;
  /** False for the background-work instance of `separateWorker`: it takes no requests. */
  serves: boolean;
};

export type AppInstances = {
  instances: AppInstance[];
  /** The one address clients "see" (AUTH_URL of every instance); send it as Origin on writes. */
  publicOrigin: string;
  /** Directory holding DATA_DIR and each instance's log (server-<i>.log). */
  workDir: string;
  /** Process CPU time (user + system, ms) of every instance and its child processes, summed. */
  cpuMs(): number;
  /** The same, per instance. */
  cpuMsPerInstance(): number[];
  /** Last lines of an instance's log (LOG_LEVEL=warn: warnings and errors, no PHI by design). */
  logTail(index: number, lines?: number): string;
  /** SIGTERM, then SIGKILL after 5 s; removes the work directory. Safe to call twice. */
  stop(): Promise<void>;
};

export type StartOptions = {
  databaseUrl: string;
  count?: number;
  /** Extra environment for every instance (e.g. SEND_RATE_LIMIT_PER_MINUTE, BENCH_BARE_ROUTE). */
  env?: Record<string, string>;
  /** How long to wait for every instance to answer /api/health/live. */
  readyTimeoutMs?: number;
  /**
   * Start one more instance that only runs the background work (JOB_WORKER=1: jobs, audit
   * sealing, notification passes) and takes no requests; the `count` serving instances then
   * run none. Default: the first serving instance is also the worker.
   */
  separateWorker?: boolean;
};

/** Throws a clear message when there is no production build to run. */
export function assertNextBuild(): void {
  if (!existsSync(path.join(repoRoot, ".next", "BUILD_ID"))) {
    throw new Error("No production build found (.next/BUILD_ID is missing). This benchmark builds nothing itself: run `npx next build` first.");
  }
}

/** A free TCP port on 127.0.0.1 (asked of the kernel; released before the server binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

const clockTicksPerSecond = 100; // USER_HZ on Linux

/** utime + stime of one process, in ms; 0 when it is gone. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return ((utime + stime) * 1000) / clockTicksPerSecond;
  } catch {
    return 0;
  }
}

/** A process and all its descendants (read from /proc/<pid>/task/<tid>/children). */
export function processTree(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) {
    const p = all[i]!;
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      try {
        const children = readFileSync(`/proc/${p}/task/${tid}/children`, "utf8").trim();
        if (children) all.push(...children.split(/\s+/).map(Number));
      } catch {
        // the task ended meanwhile
      }
    }
  }
  return all;
}

/** CPU ms of a process tree. */
export function treeCpuMs(pid: number): number {
  return processTree(pid).reduce((sum, p) => sum + processCpuMs(p), 0);
}

async function waitUntilLive(origin: string, child: ChildProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server at ${origin} exited (${child.exitCode ?? child.signalCode}) before it was ready`);
    try {
      const res = await fetch(`${origin}/api/health/live`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server at ${origin} did not answer /api/health/live in time`);
}

export async function startAppInstances(options: StartOptions): Promise<AppInstances> {
  assertNextBuild();
  const serving = options.count ?? 2;
  const count = serving + (options.separateWorker ? 1 : 0);
  const isWorker = (i: number) => (options.separateWorker ? i === serving : i === 0);
  const workDir = mkdtempSync(path.join(os.tmpdir(), "concierge-bench-http-"));
  const ports: number[] = [];
  for (let i = 0; i < count; i++) ports.push(await freePort());
  const publicOrigin = `http://127.0.0.1:${ports[0]}`;
  const instances: AppInstance[] = [];
  let stopped: Promise<void> | null = null;

  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      await Promise.all(
        instances.map(async ({ child }) => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
          child.kill("SIGTERM");
          const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
          await exited;
          clearTimeout(timer);
        }),
      );
      rmSync(workDir, { recursive: true, force: true });
    })();
    return stopped;
  };

  try {
    for (let i = 0; i < count; i++) {
      const port = ports[i]!;
      const log = openSync(path.join(workDir, `server-${i}.log`), "a");
      // Only what the app needs, not the caller's whole environment (no stray DEMO_MODE, DATABASE_URL…).
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HOME: process.env.HOME ?? workDir,
        NODE_ENV: "production",
        PORT: String(port),
        BIND_ADDRESS: "127.0.0.1",
        DATABASE_URL: options.databaseUrl,
        MIGRATE_ON_START: "false",
        DEMO_MODE: "0",
        AUTH_URL: publicOrigin,
        LOG_LEVEL: "warn",
        REQUIRE_STAFF_MFA: "0",
        JOB_WORKER: isWorker(i) ? "1" : "0",
        DATA_DIR: path.join(workDir, "data"),
        NEXT_TELEMETRY_DISABLED: "1",
        ...benchSecrets,
        // For profiling a run, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" (written when the
        // server exits on the bench's SIGTERM).
        ...(process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {}),
        ...options.env,
      };
      const child = spawn(process.execPath, ["server.mjs"], { cwd: repoRoot, env, stdio: ["ignore", log, log] });
      closeSync(log);
      if (!child.pid) throw new Error("could not start node server.mjs");
      instances.push({ index: i, port, origin: `http://127.0.0.1:${port}`, pid: child.pid, child, serves: i < serving });
    }
    const deadline = Date.now() + (options.readyTimeoutMs ?? 90_000);
    await Promise.all(instances.map((inst) => waitUntilLive(inst.origin, inst.child, deadline)));
  } catch (error) {
    const tails = instances.map((inst) => `--- server ${inst.index} log (tail) ---\n${tail(workDir, inst.index, 20)}`).join("\n");
    await stop();
    throw new Error(`${(error as Error).message}\n${tails}`);
  }

  return {
    instances,
    publicOrigin,
    workDir,
    cpuMs: () => instances.reduce((sum, inst) => sum + treeCpuMs(inst.pid), 0),
    cpuMsPerInstance: () => instances.map((inst) => treeCpuMs(inst.pid)),
    logTail: (index, lines = 20) => tail(workDir, index, lines),
    stop,
  };
}

function tail(workDir: string, index: number, lines: number): string {
  try {
    return readFileSync(path.join(workDir, `server-${index}.log`), "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}
