/**
 * `npm run bench:console` — the console fan-out (issue 10, docs/performance.md "Console
 * fan-out"): many consoles on the queue while members send, over real HTTP and real event
 * streams, each console driving the browser's own event module.
 *
 *  1. Builds nothing: runs the production build in .next (`npx next build` first; the build
 *     must contain the code under test — the script prints its BUILD_ID and time).
 *  2. Creates its own database (concierge_bench_<random>) on DATABASE_URL's server (or the
 *     local PostgreSQL), migrates, seeds the demo data; drops it at the end.
 *  3. Starts BENCH_INSTANCES (2) production instances (`node server.mjs`,
 *     scripts/bench/http-servers.ts) on that one database, with the send rate limit raised
 *     and up to 100 streams per user (the consoles share the demo staff accounts).
 *  4. Signs the demo staff and members in over HTTP (next-auth credentials flow,
 *     http-sign-in.ts). Each member opens one conversation (POST /api/v1/threads).
 *  5. Opens BENCH_CONSOLES (300) consoles, alternating instances. A console is: GET /me (its
 *     teams), GET /tickets?view=open (the queue's first page, as the browser fetches it)
 *     seeded into a real TanStack QueryClient under the browser's key with an observer (so
 *     an invalidation refetches over HTTP as a mounted queue does), an SSE connection to
 *     GET /api/v1/events, and components/live/live-applier.ts — the browser's module,
 *     unchanged — applying every event to that QueryClient.
 *  6. Members send BENCH_RATE (10) messages/s for BENCH_SECONDS (60) after a warm-up,
 *     round-robin, through POST /api/v1/threads/{id}/messages.
 *
 *  7. Baseline in the same run (BENCH_BASELINE_SECONDS, 10; 0 skips it): the same servers
 *     and consoles, but each console drops the event's view before applying it — the
 *     ids-only client of before issue 10, which marks the queue stale and refetches it.
 *
 * Measured: "fresh" = from the start of a send to the moment the message shows in a
 * console's queue data (its row's preview is the message), for every console whose teams
 * own the thread; send latency; missed (a console that should show it and never did, 5 s
 * after the last send); misrouted (a console that received an event or a row about a thread
 * of another team); refetches per event (HTTP fetches of the consoles' caches); the app's
 * CPU per event (both instances' /proc CPU time over the sending window / messages sent).
 * Output: figures only — message bodies are "bench <n>", never PHI.
 */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { InfiniteQueryObserver, QueryClient } from "@tanstack/react-query";
import { createDatabase, describeServer, dropDatabase, migrate, seed } from "./database";
import { httpRequest, keepAliveAgent } from "./http-client";
import { repoRoot, startAppInstances, type AppInstances } from "./http-servers";
import { signInMany } from "./http-sign-in";
import { percentile } from "./measure";
import { keyValues, table } from "./report";
import { createLiveApplier, type LiveApplier } from "../../components/live/live-applier";
import type { LiveEvent } from "../../components/live/apply-event";
import type { Paged, QueuePage } from "../../lib/api/query-keys";

const DEMO_PASSWORD = "demo-password";
const serverUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

function intFromEnv(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${name} must be a whole number from 1 to ${max}`);
  return n;
}

const plan = {
  consoles: intFromEnv("BENCH_CONSOLES", 300, 1_000),
  rate: intFromEnv("BENCH_RATE", 10, 200),
  seconds: intFromEnv("BENCH_SECONDS", 60, 600),
  warmupSeconds: intFromEnv("BENCH_WARMUP_SECONDS", 3, 60),
  instances: intFromEnv("BENCH_INSTANCES", 2, 8),
  maxMinutes: intFromEnv("BENCH_MAX_MINUTES", 20, 120),
  /** The same-run baseline phase (consoles ignore the views); 0 skips it. */
  baselineSeconds: process.env.BENCH_BASELINE_SECONDS === "0" ? 0 : intFromEnv("BENCH_BASELINE_SECONDS", 10, 600),
};
const settleMs = 5_000;
const idleSeconds = 5;
const queueLimit = 100;

const loadAverage = () => readFileSync("/proc/loadavg", "utf8").trim().split(/\s+/).slice(0, 3).join(" ");
function gitCommit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repoRoot, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}
function buildStamp(): string {
  const file = path.join(repoRoot, ".next", "BUILD_ID");
  try {
    return `${readFileSync(file, "utf8").trim()}, built ${statSync(file).mtime.toISOString()}`;
  } catch {
    return "none";
  }
}

type Account = { email: string; cookie: string; instance: number };
type Viewer = { userId: string; teamIds: Set<string> };

/** One console: its viewer, its QueryClient driven by the browser's live applier, what it saw. */
class BenchConsole {
  readonly client = new QueryClient({ defaultOptions: { queries: { gcTime: Infinity, staleTime: Infinity, retry: false } } });
  applier!: LiveApplier;
  fetches = 0;
  /** message number → when it first showed in this console's queue data. */
  seenAt = new Map<number, number>();
  misrouted = 0;
  events = 0;
  request: http.ClientRequest | null = null;
  ready = false;
  /** Baseline phase: the event's view is dropped before the applier sees it (the ids-only client). */
  ignoreViews = false;

  constructor(
    readonly index: number,
    readonly account: Account,
    readonly viewer: Viewer,
    readonly port: number,
    readonly agent: http.Agent,
  ) {}

  async open(teamOfThread: Map<string, string>): Promise<void> {
    const key = ["queue", "open", null];
    const fetchPage = async (cursor: string | null): Promise<QueuePage> => {
      this.fetches++;
      const res = await httpRequest(this.agent, this.port, {
        path: `/api/v1/tickets?view=open&limit=${queueLimit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        headers: { cookie: this.account.cookie },
      });
      if (res.status !== 200) throw new Error(`GET /tickets answered ${res.status}`);
      return JSON.parse(res.body.toString("utf8")) as QueuePage;
    };
    const first = await fetchPage(null);
    this.client.setQueryData<Paged<QueuePage>>(key, { pages: [first], pageParams: [null] });
    // A mounted queue: an invalidation refetches it over HTTP, as in the browser.
    const observer = new InfiniteQueryObserver<QueuePage, Error, Paged<QueuePage>, typeof key, string | null>(this.client, {
      queryKey: key,
      queryFn: ({ pageParam }) => fetchPage(pageParam),
      initialPageParam: null,
      getNextPageParam: (p) => p.nextCursor,
      staleTime: Infinity,
    });
    observer.subscribe(() => undefined);
    this.applier = createLiveApplier(this.client, this.viewer, { flushMs: 150 });
    // What shows: every change of the console's caches is checked for bench messages.
    this.client.getQueryCache().subscribe((e) => {
      if (e.type !== "updated") return;
      const data = e.query.state.data as Paged<QueuePage> | undefined;
      if (!data?.pages) return;
      const now = performance.now();
      for (const page of data.pages) {
        for (const item of page.items) {
          // ⚠ A row of a thread this console's teams do not own must never be there.
          if (!this.viewer.teamIds.has(teamOfThread.get(item.threadId) ?? item.teamId ?? "")) this.misrouted++;
          const n = /^bench (\d+)$/.exec(item.preview ?? "")?.[1];
          if (n !== undefined && !this.seenAt.has(Number(n))) this.seenAt.set(Number(n), now);
        }
      }
    });
    await this.connect(teamOfThread);
  }

  private connect(teamOfThread: Map<string, string>): Promise<void> {
    return new Promise((resolve, reject) => {
      const req = http.get({ host: "127.0.0.1", port: this.port, path: "/api/v1/events", headers: { cookie: this.account.cookie, accept: "text/event-stream" }, agent: false }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`GET /events answered ${res.statusCode}`));
        res.setEncoding("utf8");
        let buffer = "";
        res.on("data", (chunk: string) => {
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = parseFrame(frame);
            if (!event) continue;
            if (event.type === "ready" || event.type === "resync") {
              if (this.ready) this.applier.resync();
              this.ready = true;
              resolve();
              continue;
            }
            this.events++;
            const threadId = typeof event.data.threadId === "string" ? event.data.threadId : null;
            const team = threadId ? teamOfThread.get(threadId) : undefined;
            if (team && !this.viewer.teamIds.has(team)) this.misrouted++;
            if (this.ignoreViews) delete event.data.view;
            this.applier.apply(event);
          }
        });
        res.on("error", () => undefined);
      });
      req.on("error", reject);
      this.request = req;
    });
  }

  close(): void {
    this.applier?.dispose();
    this.request?.destroy();
  }
}

function parseFrame(frame: string): LiveEvent | null {
  let type = "message";
  let id: string | null = null;
  let data = "";
  for (const line of frame.split("\n")) {
    if (line.startsWith("event: ")) type = line.slice(7);
    else if (line.startsWith("id: ")) id = line.slice(4);
    else if (line.startsWith("data: ")) data += line.slice(6);
  }
  if (!data) return null;
  try {
    return { type, id, data: JSON.parse(data) as Record<string, unknown> };
  } catch {
    return null;
  }
}

let app: AppInstances | null = null;
let database: { name: string } | null = null;
let cleaning: Promise<void> | null = null;
const consoles: BenchConsole[] = [];
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const c of consoles) c.close();
    await app?.stop().catch(() => undefined);
    if (database) await dropDatabase(serverUrl, database.name).catch(() => undefined);
  })();
  return cleaning;
}

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error(`bench:console: stopped after ${plan.maxMinutes} minutes`);
    void cleanup().then(() => process.exit(2));
  }, plan.maxMinutes * 60_000);
  watchdog.unref();
  process.once("SIGINT", () => void cleanup().then(() => process.exit(130)));

  database = await createDatabase(serverUrl);
  const dbUrl = (await import("./database")).withDatabase(serverUrl, database.name);
  await migrate(dbUrl);
  await seed(dbUrl);
  const sql = new pg.Client({ connectionString: dbUrl });
  await sql.connect();
  const staffRows = (
    await sql.query<{ email: string }>(
      `SELECT u.email FROM users u WHERE u.role IN ('CARE_GUIDE','NURSE','PHYSICIAN') AND u.status = 'ACTIVE' AND u.mfa_enabled_at IS NULL AND NOT u.mfa_enrolment_required AND EXISTS (SELECT 1 FROM team_memberships m WHERE m.user_id = u.id) ORDER BY u.email`,
    )
  ).rows;
  const memberRows = (
    await sql.query<{ email: string }>(
      `SELECT u.email FROM users u JOIN member_profiles p ON p.user_id = u.id WHERE u.role = 'MEMBER' AND u.status = 'ACTIVE' AND u.mfa_enabled_at IS NULL AND NOT u.mfa_enrolment_required AND p.team_id IS NOT NULL ORDER BY u.email LIMIT 40`,
    )
  ).rows;
  await sql.end();

  app = await startAppInstances({
    databaseUrl: dbUrl,
    count: plan.instances,
    env: { SEND_RATE_LIMIT_PER_MINUTE: "1000000", EVENT_STREAMS_PER_USER: "100" },
  });
  const agents = app.instances.map(() => keepAliveAgent(64));
  const targets = app.instances.map((inst, i) => ({ agent: agents[i]!, port: inst.port, origin: app!.publicOrigin }));
  const staffCookies = await signInMany(targets, staffRows.map((r) => ({ email: r.email, password: DEMO_PASSWORD })));
  const memberCookies = await signInMany(targets, memberRows.map((r) => ({ email: r.email, password: DEMO_PASSWORD })));
  const staff: Account[] = staffRows.map((r, i) => ({ email: r.email, cookie: staffCookies[i]!, instance: i % plan.instances }));

  // Each member opens one conversation; its team decides which consoles may see it.
  const teamOfThread = new Map<string, string>();
  const threads: { id: string; teamId: string; cookie: string; instance: number }[] = [];
  for (const [i, cookie] of memberCookies.entries()) {
    const instance = i % plan.instances;
    const res = await httpRequest(agents[instance]!, app.instances[instance]!.port, {
      method: "POST",
      path: "/api/v1/threads",
      headers: { cookie, origin: app.publicOrigin, "content-type": "application/json" },
      body: JSON.stringify({ body: "bench opening", clientMessageId: randomUUID() }),
    });
    if (res.status !== 201) throw new Error(`POST /threads answered ${res.status}`);
    const { thread } = JSON.parse(res.body.toString("utf8")) as { thread: { id: string; teamId: string | null } };
    if (!thread.teamId) continue;
    teamOfThread.set(thread.id, thread.teamId);
    threads.push({ id: thread.id, teamId: thread.teamId, cookie, instance });
  }

  threadCount = threads.length;

  // Consoles: staff accounts round-robin, instances alternating.
  const viewers = new Map<string, Viewer>();
  for (const a of staff) {
    const res = await httpRequest(agents[a.instance]!, app.instances[a.instance]!.port, { path: "/api/v1/me", headers: { cookie: a.cookie } });
    const me = JSON.parse(res.body.toString("utf8")) as { id: string; teams: { id: string }[] };
    viewers.set(a.email, { userId: me.id, teamIds: new Set(me.teams.map((t) => t.id)) });
  }
  for (let i = 0; i < plan.consoles; i++) {
    const account = staff[i % staff.length]!;
    const instance = i % plan.instances;
    consoles.push(new BenchConsole(i, account, viewers.get(account.email)!, app.instances[instance]!.port, agents[instance]!));
  }
  for (let i = 0; i < consoles.length; i += 20) await Promise.all(consoles.slice(i, i + 20).map((c) => c.open(teamOfThread)));
  const setupFetches = consoles.reduce((s, c) => s + c.fetches, 0);
  await new Promise((r) => setTimeout(r, 1_000));
  // The instances' CPU with every console connected and nothing sent (stamping rounds,
  // polls, heartbeats): subtracted from the sending window to give the CPU an event adds.
  const idleCpu0 = app.cpuMs();
  const idleT0 = performance.now();
  await new Promise((r) => setTimeout(r, idleSeconds * 1000));
  const idleCpuPerSecond = (app.cpuMs() - idleCpu0) / ((performance.now() - idleT0) / 1000);

  type PhaseResult = {
    label: string;
    deliveries: number;
    fresh: number[];
    sendLatencies: number[];
    sendErrors: number;
    achieved: number;
    missed: number;
    misrouted: number;
    refetchesPerEvent: number;
    cpuPerEventMs: number;
    netCpuPerEventMs: number;
    clientCpuPct: number;
  };
  let nextN = 0;

  /** Members send at plan.rate for `seconds` after the warm-up; consoles apply views or, for the baseline, ignore them. */
  const runPhase = async (label: string, seconds: number, ignoreViews: boolean): Promise<PhaseResult> => {
    for (const c of consoles) c.ignoreViews = ignoreViews;
    const first = nextN;
    const warmup = plan.rate * plan.warmupSeconds;
    const total = plan.rate * (seconds + plan.warmupSeconds);
    nextN += total;
    const interval = 1000 / plan.rate;
    const sent = new Map<number, { at: number; teamId: string; measured: boolean; ok: boolean }>();
    const sendLatencies: number[] = [];
    let sendErrors = 0;
    const inflight = new Set<Promise<void>>();
    const start = performance.now();
    let cpuStart = app!.cpuMs();
    let measuredStart = start;
    let clientCpu0 = process.cpuUsage();
    let fetchesAtStart = 0;
    const misroutedBefore = consoles.reduce((s, c) => s + c.misrouted, 0);
    for (let i = 0; i < total; i++) {
      const n = first + i;
      const wait = start + i * interval - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const measured = i >= warmup;
      if (i === warmup) {
        cpuStart = app!.cpuMs();
        measuredStart = performance.now();
        clientCpu0 = process.cpuUsage();
        fetchesAtStart = consoles.reduce((s, c) => s + c.fetches, 0);
      }
      const t = threads[n % threads.length]!;
      const at = performance.now();
      sent.set(n, { at, teamId: t.teamId, measured, ok: false });
      const p = httpRequest(agents[t.instance]!, app!.instances[t.instance]!.port, {
        method: "POST",
        path: `/api/v1/threads/${t.id}/messages`,
        headers: { cookie: t.cookie, origin: app!.publicOrigin, "content-type": "application/json" },
        body: JSON.stringify({ body: `bench ${n}`, clientMessageId: randomUUID() }),
      })
        .then((res) => {
          if (res.status !== 201) throw new Error(String(res.status));
          sent.get(n)!.ok = true;
          if (measured) sendLatencies.push(performance.now() - at);
        })
        .catch(() => void sendErrors++)
        .finally(() => inflight.delete(p));
      inflight.add(p);
    }
    await Promise.all(inflight);
    const sendEnd = performance.now();
    const cpuEnd = app!.cpuMs();
    const clientCpu = process.cpuUsage(clientCpu0);
    const fetchesAtEnd = consoles.reduce((s, c) => s + c.fetches, 0);
    await new Promise((r) => setTimeout(r, settleMs));

    const fresh: number[] = [];
    let missed = 0;
    let measuredSent = 0;
    let misrouted = consoles.reduce((s, c) => s + c.misrouted, 0) - misroutedBefore;
    for (const [n, s] of sent) {
      if (!s.measured || !s.ok) continue;
      measuredSent++;
      for (const c of consoles) {
        if (!c.viewer.teamIds.has(s.teamId)) {
          if (c.seenAt.has(n)) misrouted++;
          continue;
        }
        // A later message of the same thread can replace this preview before it is looked
        // at (a refetch); "shown" then means shown no later than that one.
        const seen = c.seenAt.get(n) ?? laterOnSameThread(c, n, sent);
        if (seen === undefined) missed++;
        else fresh.push(Math.max(0, seen - s.at));
      }
    }
    fresh.sort((a, b) => a - b);
    sendLatencies.sort((a, b) => a - b);
    const window = (sendEnd - measuredStart) / 1000;
    return {
      label,
      deliveries: fresh.length,
      fresh,
      sendLatencies,
      sendErrors,
      achieved: total / ((sendEnd - start) / 1000),
      missed,
      misrouted,
      refetchesPerEvent: (fetchesAtEnd - fetchesAtStart) / Math.max(1, measuredSent),
      cpuPerEventMs: (cpuEnd - cpuStart) / Math.max(1, measuredSent),
      netCpuPerEventMs: (cpuEnd - cpuStart - idleCpuPerSecond * window) / Math.max(1, measuredSent),
      clientCpuPct: ((clientCpu.user + clientCpu.system) / 1000 / window) * 100 / 1000,
    };
  };

  const results = [await runPhase("views applied in place (this code)", plan.seconds, false)];
  // Baseline in the same run, same servers and consoles: the consoles ignore the views, as
  // the ids-only client did — every event marks the queue stale and it is refetched.
  if (plan.baselineSeconds > 0) results.push(await runPhase("baseline: views ignored (ids-only client, refetch)", plan.baselineSeconds, true));
  const main = results[0]!;
  const p99Fresh = percentile(main.fresh, 99);
  const p99Send = percentile(main.sendLatencies, 99);

  console.log("\nConsole fan-out — member sends over HTTP → the message in every console's queue data that may see it\n");
  console.log(
    keyValues([
      ["commit", gitCommit()],
      ["build", buildStamp()],
      ["machine", `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}`],
      ["load average", `${loadAverage()} (at the end; other work may be running on this machine)`],
      ["database", `PostgreSQL at ${describeServer(serverUrl)} (own database, demo data)`],
      ["instances", `${plan.instances} × node server.mjs (production build) on one database`],
      ["consoles", `${consoles.length} (${consoles.filter((c) => c.ready).length} streams ready), ${staff.length} staff accounts, queue seeded with ${setupFetches} GET /tickets`],
      ["sending", `${plan.rate}/s for ${plan.seconds} s (baseline ${plan.baselineSeconds} s), each after ${plan.warmupSeconds} s warm-up; ${threads.length} member threads`],
      ["app CPU idle", `${idleCpuPerSecond.toFixed(0)} ms/s with every console connected and nothing sent`],
    ]),
  );
  console.log(
    "\n" +
      table(
        ["phase", "sent/s", "errors", "deliveries", "fresh p50 ms", "fresh p99 ms", "send p50 ms", "send p99 ms", "refetches/event", "app CPU ms/msg", "above idle", "client CPU %", "missed", "misrouted"],
        results.map((r) => [
          r.label,
          r.achieved.toFixed(1),
          r.sendErrors,
          r.deliveries,
          percentile(r.fresh, 50).toFixed(0),
          percentile(r.fresh, 99).toFixed(0),
          percentile(r.sendLatencies, 50).toFixed(0),
          percentile(r.sendLatencies, 99).toFixed(0),
          r.refetchesPerEvent.toFixed(2),
          r.cpuPerEventMs.toFixed(1),
          r.netCpuPerEventMs.toFixed(1),
          r.clientCpuPct.toFixed(0),
          r.missed,
          r.misrouted,
        ]),
        [false, true, true, true, true, true, true, true, true, true, true, true, true, true],
      ),
  );
  console.log("(app CPU per message: both instances, /proc, the send's own request included; client CPU: this process, all consoles and senders, % of one core)");
  console.log(`console: ${consoles.length} consoles, ${plan.rate} msg/s, p99 fresh ${p99Fresh.toFixed(0)} ms, send p99 ${p99Send.toFixed(0)} ms, missed ${main.missed}, misrouted ${main.misrouted}`);
  // Wrong deliveries fail the run in either phase; the baseline's misses are its slowness.
  if (main.missed > 0 || results.some((r) => r.misrouted > 0)) process.exitCode = 1;
}

/** When a console first showed a later message of message n's thread (its preview replaced n's). */
function laterOnSameThread(c: BenchConsole, n: number, sent: ReadonlyMap<number, unknown>): number | undefined {
  // Messages go round-robin over the threads: the same thread's next messages are n + k·threads.
  const step = threadCount;
  let best: number | undefined;
  for (let m = n + step; sent.has(m); m += step) {
    const seen = c.seenAt.get(m);
    if (seen !== undefined) {
      best = seen;
      break;
    }
  }
  return best;
}
let threadCount = 1;

main()
  .catch((error: unknown) => {
    console.error(`bench:console failed: ${(error as Error).message}`);
    if (app) for (let i = 0; i < app.instances.length; i++) console.error(`--- server ${i} ---\n${app.logTail(i, 15)}`);
    process.exitCode = 1;
  })
  .finally(() => void cleanup().then(() => process.exit()));
