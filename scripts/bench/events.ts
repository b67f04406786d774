/**
 * `npm run bench:events` — realtime delivery latency: member send → `message.created` on
 * every console that may see it, at a fixed send rate with many consoles connected.
 * See docs/performance.md ("Realtime delivery").
 *
 *  1. Creates its own database on the server of DATABASE_URL (or the local PostgreSQL),
 *     migrates and seeds it (the demo data), and drops it at the end.
 *  2. Runs TWO relays in this process, standing for two app instances: each LISTENs on its
 *     own PostgreSQL session; one stamps (advisory lock) and NOTIFYs.
 *  3. Serves the real SSE stream code (lib/realtime/sse.ts) from a bench-only node:http
 *     server on 127.0.0.1 (no Next.js routing, no sign-in: the consoles are demo staff
 *     actors loaded like sessions), and opens BENCH_CONSOLES streams spread over the demo
 *     staff of three teams and over both relays.
 *  4. Members send through the real domain function (sendMessage) at BENCH_RATE per second
 *     for BENCH_SECONDS; each console records when each message's event arrives.
 *
 * Output: latency percentiles over every (message, console that may see it) delivery,
 * messages never delivered, and events that reached a console that may not see them (must
 * be 0). Figures only: no names, no message text.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { createDatabase, describeServer, dropDatabase, migrate, seed } from "./database";
import { percentile } from "./measure";
import { keyValues, table } from "./report";

const serverUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const num = (name: string, fallback: number) => {
  const n = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(n) || n <= 0 || n > 100_000) throw new Error(`${name} must be a positive number`);
  return n;
};
const consoles = num("BENCH_CONSOLES", 200);
const rate = num("BENCH_RATE", 100);
const seconds = num("BENCH_SECONDS", 20);
const warmupSeconds = num("BENCH_WARMUP_SECONDS", 3);

const staffEmails = ["guide@demo.test", "guide.b@demo.test", "nurse@demo.test", "guide2@demo.test", "nurse2@demo.test", "doctor@demo.test"];

async function main() {
  const db0 = await createDatabase(serverUrl);
  const cleanup = async () => dropDatabase(serverUrl, db0.name).catch(() => undefined);
  process.once("SIGINT", () => void cleanup().then(() => process.exit(130)));
  try {
    await migrate(db0.url);
    await seed(db0.url);
    process.env.DATABASE_URL = db0.url;
    process.env.MIGRATE_ON_START = "false";
    process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? "warn";
    process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "concierge-bench-events-"));
    process.env.DATABASE_POOL_SIZE = process.env.DATABASE_POOL_SIZE ?? "20";
    await run();
  } finally {
    const { closeDb } = await import("../../lib/db/client");
    await closeDb().catch(() => undefined);
    await cleanup();
  }
}

async function run() {
  const { getDb } = await import("../../lib/db/client");
  const { unsafeLoadActor } = await import("../../lib/domain/auth/unsafe-load-actor");
  const { createThread } = await import("../../lib/domain/threads/create-thread");
  const { sendMessage } = await import("../../lib/domain/messages/send-message");
  const { RealtimeRelay } = await import("../../lib/realtime/relay");
  const { openEventStream } = await import("../../lib/realtime/sse");
  const db = await getDb();
  const origin = { ip: "127.0.0.1", userAgent: "bench" };
  const load = async (id: string) => {
    const a = await unsafeLoadActor(id, origin);
    if (!a) throw new Error("no actor");
    return a;
  };

  const staffRows = await db.user.findMany({ where: { email: { in: staffEmails } }, select: { id: true } });
  const staff = await Promise.all(staffRows.map((r) => load(r.id)));
  const memberRows = await db.user.findMany({ where: { role: "MEMBER", memberProfile: { teamId: { not: null } } }, select: { id: true }, take: 40 });
  const members = await Promise.all(memberRows.map((r) => load(r.id)));

  // Many consoles share a handful of demo staff accounts: lift the per-user stream cap
  // (EVENT_STREAMS_PER_USER, 10), which would otherwise close all but ten per account.
  const relays = [new RealtimeRelay({ maxStreamsPerUser: consoles }), new RealtimeRelay({ maxStreamsPerUser: consoles })];
  await Promise.all(relays.map((r) => r.start()));

  // Bench-only SSE server: /?c=<console index>.
  const consoleActors = Array.from({ length: consoles }, (_, i) => staff[i % staff.length]!);
  const server = http.createServer(async (req, res) => {
    const index = Number(new URL(req.url ?? "/", "http://x").searchParams.get("c"));
    const actor = consoleActors[index]!;
    const controller = new AbortController();
    req.on("close", () => controller.abort());
    const body = await openEventStream({ actor, recheck: async () => actor, lastEventId: null, signal: controller.signal, relay: relays[index % 2] });
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store" });
    const reader = body.getReader();
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) break;
      res.write(value);
    }
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  // Receptions: messageId → arrival times, per console.
  const arrivals = new Map<string, { console: number; at: number }[]>();
  const requests: http.ClientRequest[] = [];
  let ready = 0;
  await Promise.all(
    consoleActors.map(
      (_, i) =>
        new Promise<void>((resolve, reject) => {
          const req = http.get({ host: "127.0.0.1", port, path: `/?c=${i}`, agent: false }, (res) => {
            res.setEncoding("utf8");
            let buffer = "";
            res.on("data", (chunk: string) => {
              const at = performance.now();
              buffer += chunk;
              let end;
              while ((end = buffer.indexOf("\n\n")) >= 0) {
                const frame = buffer.slice(0, end);
                buffer = buffer.slice(end + 2);
                if (frame.includes("event: ready")) {
                  ready++;
                  resolve();
                }
                if (!frame.includes("event: message.created")) continue;
                const data = frame.split("\n").find((l) => l.startsWith("data: "));
                if (!data) continue;
                const messageId = (JSON.parse(data.slice(6)) as { messageId: string }).messageId;
                const list = arrivals.get(messageId) ?? [];
                list.push({ console: i, at });
                arrivals.set(messageId, list);
              }
            });
          });
          req.on("error", reject);
          requests.push(req);
        }),
    ),
  );

  // One thread per member (their team's queue); threads' teams decide who may see what.
  const threads = [];
  for (const m of members) {
    const { thread } = await createThread(m, { body: "Bench conversation", clientMessageId: randomUUID() });
    threads.push({ id: thread.id, teamId: thread.teamId, member: m });
  }

  const sent = new Map<string, { at: number; teamId: string | null; measured: boolean }>();
  let errors = 0;
  const errorKinds = new Set<string>();
  const total = Math.round(rate * (seconds + warmupSeconds));
  const interval = 1000 / rate;
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  const inflight = new Set<Promise<void>>();
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const t = threads[i % threads.length]!;
    const at = performance.now();
    const measured = i >= rate * warmupSeconds;
    const p = sendMessage(t.member, t.id, { body: `Bench message ${i}`, clientMessageId: randomUUID() })
      .then((r) => void sent.set(r.message.id, { at, teamId: t.teamId, measured }))
      .catch((e: unknown) => {
        errors++;
        const err = e as { name?: string; code?: unknown };
        errorKinds.add(`${err.name ?? "Error"}${typeof err.code === "string" ? ` ${err.code}` : ""}`);
      })
      .finally(() => inflight.delete(p));
    inflight.add(p);
  }
  await Promise.all(inflight);
  const sendWall = performance.now() - start;
  // Let the last events arrive.
  await new Promise((r) => setTimeout(r, 2_000));
  const cpu = process.cpuUsage(cpu0);

  const latencies: number[] = [];
  let missing = 0;
  let misrouted = 0;
  const teamOf = (i: number) => new Set(consoleActors[i]!.teamIds);
  for (const [messageId, s] of sent) {
    const got = arrivals.get(messageId) ?? [];
    const expected = consoleActors.map((a, i) => (s.teamId && a.teamIds.includes(s.teamId) ? i : -1)).filter((i) => i >= 0);
    for (const a of got) if (!s.teamId || !teamOf(a.console).has(s.teamId)) misrouted++;
    if (!s.measured) continue;
    const byConsole = new Map(got.map((a) => [a.console, a.at]));
    for (const i of expected) {
      const at = byConsole.get(i);
      if (at === undefined) missing++;
      else latencies.push(at - s.at);
    }
  }
  latencies.sort((a, b) => a - b);

  for (const r of requests) r.destroy();
  server.close();
  await Promise.all(relays.map((r) => r.stop()));

  console.log("\nRealtime delivery — member send → message.created on each console that may see it\n");
  console.log(
    keyValues([
      ["machine", `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}`],
      ["database", `PostgreSQL at ${describeServer(serverUrl)} (own database, demo data)`],
      ["instances", "2 relays in one process (each its own LISTEN session; one stamps)"],
      ["consoles", `${consoles} streams connected (${ready} ready), ${staff.length} staff of 3 teams`],
      ["send rate", `${rate}/s for ${seconds} s after ${warmupSeconds} s warm-up (${total} sends, ${members.length} member threads)`],
      ["achieved", `${((total / sendWall) * 1000).toFixed(1)} sends/s, ${errors} send errors${errorKinds.size ? ` (${[...errorKinds].slice(0, 3).join(", ")})` : ""}`],
      ["process CPU", `${((cpu.user + cpu.system) / 1000 / (sendWall + 2000) * 100).toFixed(0)}% of one core (senders, relays, streams and clients together)`],
    ]),
  );
  console.log(
    "\n" +
      table(
        ["deliveries", "p50 ms", "p90 ms", "p99 ms", "max ms", "missing", "misrouted"],
        [[latencies.length, percentile(latencies, 50).toFixed(1), percentile(latencies, 90).toFixed(1), percentile(latencies, 99).toFixed(1), (latencies.at(-1) ?? 0).toFixed(1), missing, misrouted]],
        [true, true, true, true, true, true, true],
      ),
  );
  if (misrouted > 0 || missing > 0) process.exitCode = 1;
}

await main();
