/**
 * `npm run bench:http` — the API over HTTP, as its clients use it, side by side with a bare
 * Next.js route handler measured in the same run (docs/performance.md, "HTTP benchmark").
 *
 *  1. Builds nothing: it runs the production build in .next (run `npx next build` first).
 *  2. Creates its own database (concierge_bench_<random>) on the server of DATABASE_URL or
 *     the local PostgreSQL, migrates, seeds the demo data, bulk-loads the bench data set
 *     (BENCH_SCALE=full by default: 20,000 members, 500 staff, 100,000 tickets, ~1M
 *     messages; small for a quick try), VACUUM ANALYZE, and prints EXPLAIN of the hot queries.
 *  3. Starts BENCH_HTTP_INSTANCES (2) production instances (`node server.mjs`) on 127.0.0.1,
 *     JOB_WORKER on the first only, with the bare route on and the send rate limit raised.
 *  4. Signs staff and members in through next-auth's credentials flow.
 *  5. Per workload: c concurrent loops (BENCH_HTTP_CONCURRENCY, 8), a warm-up
 *     (BENCH_HTTP_WARMUP_SECONDS, 2) then BENCH_HTTP_SECONDS (10) measured; requests
 *     alternate between the instances. Prints req/s, p50/p99, errors, the app's CPU per
 *     request (both instances' /proc CPU time delta / requests), the client's own CPU per
 *     request, and the ratio of req/s to the bare route.
 *  6. Stops the servers and drops the database, also after a failure or Ctrl-C; a watchdog
 *     ends the whole run after BENCH_HTTP_MAX_MINUTES (30).
 *
 * Output holds figures, ids-free SQL plans and counts: no names, no message text.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDatabase, describeServer, dropDatabase, migrate, seed } from "./database";
import { explainHotQueries, hotPlansReport } from "./explain-hot";
import { keepAliveAgent, httpRequest } from "./http-client";
import { runWorkload, settle, type LoadPlan, type Target, type Workload, type WorkloadResult } from "./http-load";
import { assertNextBuild, processCpuMs, repoRoot, startAppInstances, type AppInstances } from "./http-servers";
import { signInMany } from "./http-sign-in";
import { BENCH_PASSWORD, benchScale, leadGuides, loadVolume } from "./load-data";
import { keyValues, table } from "./report";

/** The demo accounts' password (prisma/seed/seed-demo-data.ts), for the small scale's demo care guide. */
const DEMO_PASSWORD = "demo-password";

const serverUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

function intFromEnv(name: string, fallback: number, max = 100_000): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${name} must be a whole number from 1 to ${max}`);
  return n;
}

/** Settings from the environment; a bad one stops the run with a message naming it. */
function readSettings() {
  const scale = benchScale("full");
  const workloadKeys = ["me", "queue", "messages", "long", "send"];
  // BENCH_HTTP_WORKLOADS=me,queue runs only those (and the bare route); default all.
  const only = new Set((process.env.BENCH_HTTP_WORKLOADS ?? workloadKeys.join(",")).split(",").map((k) => k.trim()).filter(Boolean));
  for (const k of only) if (!workloadKeys.includes(k)) throw new Error(`BENCH_HTTP_WORKLOADS: unknown workload ${k} (known: ${workloadKeys.join(", ")})`);
  const plan: LoadPlan & { instances: number; separateWorker: boolean; senders: number; maxMinutes: number } = {
    concurrency: intFromEnv("BENCH_HTTP_CONCURRENCY", 8, 512),
    warmupSeconds: intFromEnv("BENCH_HTTP_WARMUP_SECONDS", 2, 60),
    seconds: intFromEnv("BENCH_HTTP_SECONDS", 10, 300),
    instances: intFromEnv("BENCH_HTTP_INSTANCES", 2, 8),
    // BENCH_HTTP_WORKER=separate: one more instance runs the background work and takes no
    // requests (docs/operations: N web instances + a worker); default: the first one does.
    separateWorker: process.env.BENCH_HTTP_WORKER === "separate",
    senders: intFromEnv("BENCH_HTTP_SENDERS", 200, 5_000),
    maxMinutes: intFromEnv("BENCH_HTTP_MAX_MINUTES", 30, 240),
  };
  return { scale, only, plan };
}

let settings: ReturnType<typeof readSettings>;
try {
  settings = readSettings();
} catch (error) {
  console.error(`HTTP benchmark: ${(error as Error).message}`);
  process.exit(1);
}
const { scale, only, plan } = settings;

function loadAverage(): string {
  return readFileSync("/proc/loadavg", "utf8").trim().split(/\s+/).slice(0, 3).join(" ");
}

function gitCommit(): string {
  try {
    const sha = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repoRoot, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: repoRoot, encoding: "utf8" }).trim();
    return dirty ? `${sha} (working tree has uncommitted changes)` : sha;
  } catch {
    return "unknown";
  }
}

function buildStamp(): string {
  const file = path.join(repoRoot, ".next", "BUILD_ID");
  return `${readFileSync(file, "utf8").trim()}, built ${statSync(file).mtime.toISOString()}`;
}

// ── clean-up: servers first, then the database; once, whatever happens ──
let app: AppInstances | null = null;
let database: { name: string; url: string } | null = null;
let cleaning: Promise<void> | null = null;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    if (app) await app.stop().catch((e: Error) => console.error(`Could not stop the servers: ${e.message}`));
    if (database) {
      const { name } = database;
      await dropDatabase(serverUrl, name).then(
        () => console.log(`Dropped database ${name}.`),
        (e: Error) => console.error(`Could not drop database ${name}: ${e.message}. Drop it by hand.`),
      );
    }
  })();
  return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping.`);
    void cleanUp().finally(() => process.exit(130));
  });
}
const watchdog = setTimeout(
  () => {
    console.error(`\nThe run passed BENCH_HTTP_MAX_MINUTES (${plan.maxMinutes}): stopping.`);
    void cleanUp().finally(() => process.exit(2));
  },
  plan.maxMinutes * 60_000,
);
watchdog.unref();

type Subjects = {
  staff: { email: string; password: string }[];
  teamThreadIds: string[];
  longThreadId: string;
  senders: { email: string; threadId: string }[];
};

/** The busiest team of the long thread: its staff, its threads; members with an open thread of their own. */
async function pickSubjects(url: string, senders: number): Promise<Subjects> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Full scale: the team of the longest thread, with its bench staff. Small scale has no
    // bench staff: Sunrise and its demo care guide (demo password), its longest thread.
    const long = await client.query<{ thread_id: string; team_id: string }>(
      `SELECT th.id AS thread_id, th.team_id
         FROM (SELECT thread_id, count(*) AS n FROM messages GROUP BY thread_id ORDER BY count(*) DESC LIMIT 50) m
         JOIN threads th ON th.id = m.thread_id JOIN teams tm ON tm.id = th.team_id
        WHERE EXISTS (SELECT 1 FROM team_memberships x JOIN users u ON u.id = x.user_id WHERE x.team_id = th.team_id AND u.email LIKE 'bench.staff.%')
           OR tm.name = 'Sunrise'
        ORDER BY m.n DESC, (tm.name = 'Sunrise') LIMIT 1`,
    );
    if (!long.rows[0]) throw new Error("the loaded data has no thread to read");
    const { thread_id: longThreadId, team_id: teamId } = long.rows[0];
    const bench = await client.query<{ email: string }>(
      `SELECT u.email FROM users u JOIN team_memberships tm ON tm.user_id = u.id
        WHERE tm.team_id = $1 AND u.email LIKE 'bench.staff.%' AND u.role IN ('CARE_GUIDE', 'NURSE') ORDER BY u.email`,
      [teamId],
    );
    const staff = bench.rows.length
      ? bench.rows.map((r) => ({ email: r.email, password: BENCH_PASSWORD }))
      : [{ email: leadGuides.sunrise, password: DEMO_PASSWORD }];
    const threads = await client.query<{ id: string }>(`SELECT id FROM threads WHERE team_id = $1 ORDER BY md5(id::text) LIMIT 500`, [teamId]);
    // One open thread per member, so no two concurrent sends touch one ticket.
    const own = await client.query<{ email: string; thread_id: string }>(
      `SELECT DISTINCT ON (u.id) u.email, th.id AS thread_id
         FROM users u JOIN threads th ON th.member_id = u.id
         JOIN tickets tk ON tk.thread_id = th.id AND tk.status IN ('NEW', 'OPEN', 'PENDING', 'ON_HOLD')
        WHERE u.email LIKE 'bench.member.%@bench.test'
        ORDER BY u.id, th.id LIMIT $1`,
      [senders],
    );
    if (own.rows.length === 0) throw new Error("the loaded data has no bench member with an open thread");
    return {
      staff,
      teamThreadIds: threads.rows.map((r) => r.id),
      longThreadId,
      senders: own.rows.map((r) => ({ email: r.email, threadId: r.thread_id })),
    };
  } finally {
    await client.end();
  }
}

async function main(): Promise<number> {
  assertNextBuild();
  const loadBefore = loadAverage();
  const commit = gitCommit();
  const cpus = os.cpus();
  console.log("Concierge HTTP benchmark (npm run bench:http)\n");
  console.log(
    keyValues([
      ["git commit", commit],
      ["next build", buildStamp()],
      ["node", process.version],
      ["cpu", `${cpus.length} cores, ${cpus[0]?.model.trim() ?? "unknown model"}`],
      ["memory", `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`],
      ["postgres server", describeServer(serverUrl)],
      ["scale", scale],
      ["plan", `c=${plan.concurrency}, warm-up ${plan.warmupSeconds} s + ${plan.seconds} s measured per workload, ${plan.instances} instances${plan.separateWorker ? " + a background worker" : ""}, ${plan.senders} senders`],
      ["load average before (1/5/15 min)", loadBefore],
    ]),
  );

  const steps: [string, number][] = [];
  const step = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await work();
    steps.push([label, Math.round(performance.now() - t0)]);
    return result;
  };
  database = await step("create database", () => createDatabase(serverUrl));
  const { url } = database;
  await step("migrate", () => migrate(url));
  await step("seed demo data", () => seed(url));
  const loaded = await step(`bulk load (${scale}) + VACUUM ANALYZE`, () => loadVolume(url, scale));
  console.log(`\nDatabase ${database.name}`);
  console.log(table(["table", "rows"], Object.entries(loaded.rows), [false, true]));

  console.log("\nEXPLAIN (ANALYZE, BUFFERS) of the hot queries (BAD = expected index not used, or a Seq Scan on a big table):");
  const plans = await explainHotQueries(url);
  console.log(hotPlansReport(plans, process.env.BENCH_HTTP_PLANS !== "0"));
  const badPlans = plans.filter((p) => p.missing.length > 0 || p.seqScansOnBigTables.length > 0).length;

  const subjects = await pickSubjects(url, plan.senders);
  app = await step(`start ${plan.instances} app instances`, () =>
    startAppInstances({ databaseUrl: url, count: plan.instances, separateWorker: plan.separateWorker, env: { SEND_RATE_LIMIT_PER_MINUTE: "1000000", BENCH_BARE_ROUTE: "1" } }),
  );
  const instances = app.instances;
  const workerIndex = instances.findIndex((inst) => !inst.serves);
  const targets: Target[] = instances.filter((inst) => inst.serves).map((inst) => ({ agent: keepAliveAgent(plan.concurrency * 2), port: inst.port }));
  const signInTargets = targets.map((t) => ({ ...t, origin: app!.publicOrigin }));
  const staffCookies = await step(`sign in ${subjects.staff.length} staff`, () => signInMany(signInTargets, subjects.staff));
  const senderCookies = await step(`sign in ${subjects.senders.length} members`, () =>
    signInMany(signInTargets, subjects.senders.map((s) => ({ email: s.email, password: BENCH_PASSWORD }))),
  );
  console.log(table(["setup step", "ms"], steps, [false, true]));

  // The baseline: the bench-only bare route, or /api/health/live (also a constant JSON
  // answer with no session and no database) when the build predates the bare route.
  let barePath = "/api/bench/bare";
  const probe = await httpRequest(targets[0]!.agent, targets[0]!.port, { path: barePath });
  if (probe.status !== 200) {
    barePath = "/api/health/live";
    console.log(`\nNOTE: ${"/api/bench/bare"} answered ${probe.status}: this build predates it (run \`npx next build\`). Baseline: ${barePath}, also a constant JSON route handler.`);
  }

  const runId = randomBytes(4).toString("hex");
  const origin = app.publicOrigin;
  const json = { "content-type": "application/json", origin };
  const pick = <T>(list: T[], i: number) => list[i % list.length]!;
  const workloads: (Workload & { key: string })[] = [
    { key: "bare", name: `bare route (${barePath})`, expectStatus: 200, call: () => ({ path: barePath }) },
    { key: "me", name: "GET /api/v1/me (members + staff)", expectStatus: 200, call: (i) => ({ path: "/api/v1/me", headers: { cookie: i % 2 ? pick(staffCookies, i) : pick(senderCookies, i) } }) },
    {
      key: "queue",
      name: "GET /api/v1/tickets?view=open&limit=100 (staff, busy team)",
      expectStatus: 200,
      call: (i) => ({ path: "/api/v1/tickets?view=open&limit=100", headers: { cookie: pick(staffCookies, i) } }),
    },
    {
      key: "messages",
      name: "GET /api/v1/threads/{id}/messages (staff, team threads)",
      expectStatus: 200,
      call: (i) => ({ path: `/api/v1/threads/${pick(subjects.teamThreadIds, i * 7)}/messages`, headers: { cookie: pick(staffCookies, i) } }),
    },
    {
      key: "long",
      name: "GET /api/v1/threads/{id}/messages (staff, longest thread)",
      expectStatus: 200,
      call: (i) => ({ path: `/api/v1/threads/${subjects.longThreadId}/messages`, headers: { cookie: pick(staffCookies, i) } }),
    },
    {
      key: "send",
      name: "POST /api/v1/threads/{id}/messages (members, own thread)",
      expectStatus: 201,
      call: (i) => {
        const s = i % subjects.senders.length;
        return {
          method: "POST",
          path: `/api/v1/threads/${subjects.senders[s]!.threadId}/messages`,
          headers: { ...json, cookie: senderCookies[s]! },
          body: JSON.stringify({ body: `Synthetic bench message ${i}.`, clientMessageId: `bench-http-${runId}-${i}` }),
        };
      },
    },
  ];

  // PostgreSQL's share: the CPU time of the backends connected to the bench database (the
  // server runs on this machine; /proc of another host is not readable — then no column).
  const monitor = new pg.Client({ connectionString: url });
  await monitor.connect();
  const dbCpuMs = async () => {
    const r = await monitor.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    return new Map(r.rows.map((row) => [row.pid, processCpuMs(row.pid)]));
  };
  const dbLocal = ["127.0.0.1", "localhost", "::1"].includes(new URL(serverUrl).hostname);

  // The sign-ins' own background work (audit sealing) ends before the first window.
  await settle({ app: () => app!.cpuMs() });
  console.log("\nRunning…");
  const results: WorkloadResult[] = [];
  // The bare route always runs first: every ratio is to it.
  for (const w of workloads.filter((x) => x.key === "bare" || only.has(x.key))) {
    const r = await runWorkload(w, targets, plan, { app: () => app!.cpuMs(), ...(dbLocal ? { db: dbCpuMs } : {}), ...(workerIndex >= 0 ? { worker: () => app!.cpuMsPerInstance()[workerIndex]! } : {}) });
    results.push(r);
    console.log(`  ${r.name}: ${r.reqPerSec.toFixed(0)} req/s, p99 ${r.p99.toFixed(1)} ms, ${r.errors} errors`);
  }
  for (const t of targets) t.agent.destroy();
  await monitor.end();

  const bare = results[0]!.reqPerSec;
  const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "-");
  console.log(`\nResults (c=${plan.concurrency}, ${plan.seconds} s measured after ${plan.warmupSeconds} s warm-up, ${plan.instances} instances round-robin${plan.separateWorker ? " + a background worker (its CPU counted in app CPU)" : ""}, scale ${scale}):`);
  console.log(
    table(
      ["workload", "req/s", "p50 ms", "p99 ms", "max ms", "errors", "app CPU ms/req", "db CPU ms/req", "client CPU ms/req", "after-work CPU ms/req", "settle s", ...(workerIndex >= 0 ? ["of app: worker ms/req"] : []), "× bare"],
      results.map((r) => [
        r.name,
        r.reqPerSec.toFixed(0),
        f1(r.p50),
        f1(r.p99),
        f1(r.max),
        r.errors,
        f1(r.appCpuMsPerReq),
        f1(r.dbCpuMsPerReq),
        f1(r.clientCpuMsPerReq),
        f1(r.afterWorkCpuMsPerReq),
        f1(r.settleSeconds),
        ...(workerIndex >= 0 ? [f1(r.workerCpuMsPerReq)] : []),
        (r.reqPerSec / bare).toFixed(2),
      ]),
      [false, ...Array<boolean>(workerIndex >= 0 ? 12 : 11).fill(true)],
    ),
  );
  for (const r of results.filter((x) => x.errors > 0)) console.log(`  ${r.name}: ${r.errorKinds.join(", ")}`);
  console.log(`\nload average after (1/5/15 min): ${loadAverage()}   (before: ${loadBefore}; ${cpus.length} cores; node ${process.version}; commit ${commit} at the start)`);
  if (results.some((r) => r.errors > 0)) {
    for (const inst of instances) console.log(`--- server ${inst.index} log (tail) ---\n${app.logTail(inst.index, 15)}`);
  }
  if (badPlans > 0) console.log(`\n${badPlans} hot quer${badPlans === 1 ? "y does" : "ies do"} not use the expected index (see EXPLAIN above).`);
  return results.some((r) => r.errors > 0) || badPlans > 0 ? 1 : 0;
}

main()
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const e = error as { message?: string; code?: string };
      console.error(`\nHTTP benchmark failed: ${e.message ?? String(error)}${e.code ? ` (${e.code})` : ""}`);
      process.exitCode = 1;
    },
  )
  .finally(() => cleanUp());
