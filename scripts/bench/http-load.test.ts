import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keepAliveAgent } from "./http-client";
import { backendsDelta, runWorkload } from "./http-load";
import { processCpuMs, processTree, treeCpuMs } from "./http-servers";

// The benchmark's own instruments, against real processes and a real HTTP server.
describe("CPU time from /proc", () => {
  it("reads this process's user + system time, close to process.cpuUsage()", () => {
    const own = process.cpuUsage();
    const fromProc = processCpuMs(process.pid);
    expect(fromProc).toBeGreaterThan(0);
    // /proc counts in 10 ms ticks.
    expect(Math.abs(fromProc - (own.user + own.system) / 1000)).toBeLessThan(100);
    expect(processCpuMs(2 ** 30)).toBe(0);
  });

  it("counts a child process in the tree and its CPU time", async () => {
    const child = spawn(process.execPath, ["-e", "const t = Date.now(); while (Date.now() - t < 300); setTimeout(() => {}, 5000)"], { stdio: "ignore" });
    try {
      await new Promise((r) => setTimeout(r, 600));
      expect(processTree(process.pid)).toContain(child.pid);
      expect(treeCpuMs(process.pid) - processCpuMs(process.pid)).toBeGreaterThanOrEqual(200);
    } finally {
      child.kill("SIGKILL");
    }
  });
});

describe("runWorkload", () => {
  let server: http.Server;
  let port = 0;
  const seen: string[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(req.url ?? "");
      res.statusCode = req.url === "/fail" ? 500 : 200;
      res.end("{}");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("counts only the measured phase, its errors by kind, and reports percentiles", async () => {
    const agent = keepAliveAgent(4);
    const result = await runWorkload(
      { name: "t", expectStatus: 200, call: (i) => ({ path: i % 10 === 0 ? "/fail" : `/ok/${i}` }) },
      [{ agent, port }],
      { concurrency: 4, warmupSeconds: 1, seconds: 1 },
      { app: () => 0 },
    );
    agent.destroy();
    // Everything sent, warm-up included, reached the server; only the measured part is counted.
    // 1 s of warm-up then 1 s measured: about half of what the server saw is counted.
    expect(result.requests).toBeLessThan(seen.length * 0.75);
    expect(result.requests).toBeGreaterThan(50);
    expect(result.errors).toBeGreaterThan(0);
    expect(result.errorKinds[0]).toMatch(/^HTTP 500 ×\d+$/);
    expect(result.reqPerSec).toBeCloseTo((result.requests - result.errors) / result.seconds, 5);
    expect(result.seconds).toBeGreaterThanOrEqual(0.9);
    expect(result.p50).toBeLessThanOrEqual(result.p99);
    expect(result.p99).toBeLessThanOrEqual(result.max);
    expect(Number.isNaN(result.dbCpuMsPerReq)).toBe(true);
  });
});

describe("backendsDelta", () => {
  it("counts new backends in full, ended ones not at all, and is never negative", () => {
    const before = new Map([
      [1, 100],
      [2, 50],
    ]);
    const after = new Map([
      [1, 130],
      [3, 20],
    ]);
    expect(backendsDelta(before, after)).toBe(50);
    expect(backendsDelta(after, new Map())).toBe(0);
  });
});
