/**
 * `npm run bench` — a benchmark of the hot paths (send a message, open a thread, open the
 * queue, read a thread), separate from the tests. See docs/performance.md.
 *
 *  1. Creates its own database (concierge_bench_<random>) on the server of DATABASE_URL, or
 *     postgresql://postgres@127.0.0.1:5432/postgres; migrates it with the app's runner,
 *     seeds the demo data, bulk-loads a realistic volume (load-data.ts).
 *  2. Points the app's configuration at it and calls the real domain functions with real
 *     actors; warm-up operations are left out of the figures.
 *  3. Prints the figures, the machine, the data volume, and the plan of the queue query.
 *  4. Drops the database, also when something failed or the run was interrupted.
 *
 * Output holds figures, counts and query plans only: no names, no message text.
 *
 * Sizes can be changed for a quick try: BENCH_SENDS, BENCH_CREATES, BENCH_QUEUE_CALLS,
 * BENCH_LIST_CALLS, BENCH_WARMUP, BENCH_CONCURRENCY.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import os from "node:os";
import { createDatabase, describeServer, dropDatabase, migrate, seed } from "./database";
import { explainQueuePage, PARTIAL_INDEX, type PlanSummary } from "./explain";
import { benchScale, countRowsAt, fullVolume, loadVolume, volume } from "./load-data";
import { explainHotQueries, hotPlansReport } from "./explain-hot";
import { summarize, type Summary } from "./measure";
import { keyValues, latencyTable, table } from "./report";
import { breakdownReport, explainCaptured, profile } from "./profile";
import { pickTargets } from "./targets";

const serverUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
/** BENCH_SCALE=small (default here: 2,000 members, 100,000 messages) or full (load-data-full.ts). */
const scale = benchScale("small");

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new Error(`${name} must be a whole number from 1 to 1000000`);
  return n;
}

const plan = {
  warmup: intFromEnv("BENCH_WARMUP", 50),
  sends: intFromEnv("BENCH_SENDS", 2_000),
  creates: intFromEnv("BENCH_CREATES", 500),
  queueCalls: intFromEnv("BENCH_QUEUE_CALLS", 300),
  listCalls: intFromEnv("BENCH_LIST_CALLS", 300),
  concurrency: intFromEnv("BENCH_CONCURRENCY", 8),
  profileCalls: intFromEnv("BENCH_PROFILE_CALLS", 30),
};

function loadAverage(): string {
  try {
    return readFileSync("/proc/loadavg", "utf8").trim().split(/\s+/).slice(0, 3).join(" ");
  } catch {
    return os.loadavg().map((v) => v.toFixed(2)).join(" ");
  }
}

async function timed<T>(label: string, steps: [string, number][], work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  steps.push([label, Math.round(performance.now() - started)]);
  return result;
}

let database: { name: string; url: string } | null = null;
let dropping: Promise<void> | null = null;

/** Drops the benchmark's database once, whatever happens. */
function cleanUp(): Promise<void> {
  if (!database) return Promise.resolve();
  const { name } = database;
  dropping ??= dropDatabase(serverUrl, name).then(
    () => console.log(`\nDropped database ${name}.`),
    (error: unknown) => console.error(`\nCould not drop database ${name}: ${(error as Error).message}. Drop it by hand.`),
  );
  return dropping;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping.`);
    void cleanUp().finally(() => process.exit(130));
  });
}

async function main(): Promise<number> {
  const loadBefore = loadAverage();
  const cpus = os.cpus();
  console.log("Concierge benchmark (npm run bench)\n");
  console.log(
    keyValues([
      ["node", process.version],
      ["platform", `${os.platform()} ${os.arch()}`],
      ["cpu", `${cpus.length} cores, ${cpus[0]?.model.trim() ?? "unknown model"}`],
      ["memory", `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`],
      ["postgres server", describeServer(serverUrl)],
      ["scale (BENCH_SCALE)", scale],
      ["load average before (1/5/15 min)", loadBefore],
    ]),
  );

  const steps: [string, number][] = [];
  database = await timed("create database", steps, () => createDatabase(serverUrl));
  const { url } = database;
  await timed("migrate (lib/db/migrate.ts)", steps, () => migrate(url));
  await timed("seed demo data", steps, () => seed(url));
  const loaded = await timed(`bulk load (${scale}) + VACUUM ANALYZE`, steps, () => loadVolume(url, scale));

  // The app's configuration, before lib/db/client (and lib/env) are loaded.
  process.env.DATABASE_URL = url;
  process.env.MIGRATE_ON_START = "false";
  process.env.LOG_LEVEL = "silent";
  delete process.env.DEMO_MODE;
  const workloads = await import("./workloads");

  try {
    const targets = await pickTargets(url);
    console.log(`\nDatabase ${database.name}`);
    console.log(table(["setup step", "ms"], steps, [false, true]));
    console.log(
      scale === "full"
        ? `\nData volume after loading (demo data + ${fullVolume.members.toLocaleString("en-US")} members, ${fullVolume.threads.toLocaleString("en-US")} threads, ~1,000,000 messages):`
        : `\nData volume after loading (demo data + ${volume.members.toLocaleString("en-US")} members, ` +
            `${volume.threads.toLocaleString("en-US")} threads, ${(volume.threads * volume.messagesPerThread).toLocaleString("en-US")} messages):`,
    );
    console.log("\nEXPLAIN (ANALYZE, BUFFERS) of the hot queries (BAD = expected index not used, or a Seq Scan on a big table):");
    console.log(hotPlansReport(await explainHotQueries(url), false));
    console.log(table(["table", "rows"], Object.entries(loaded.rows), [false, true]));
    console.log(
      `\nPlan: ${plan.warmup} warm-up ops per workload (excluded); sends ${plan.sends} and creates ${plan.creates} at concurrency ${plan.concurrency}; ` +
        `queue ${plan.queueCalls} calls per view and listMessages ${plan.listCalls} calls, sequential. ` +
        `Prisma pool size ${process.env.DATABASE_POOL_SIZE ?? "10 (default)"}.`,
    );
    console.log("Running…");

    const runId = randomBytes(4).toString("hex");
    // Operation numbers: warm-up, measured, then the profile's (warm-up 5 + calls).
    const profileFrom = plan.warmup + Math.max(plan.sends, plan.creates, plan.listCalls);
    const ops = await workloads.buildOps(targets, profileFrom + 5 + plan.profileCalls, runId);
    const samples = await workloads.runWorkloads(ops, plan);
    const summaries: Summary[] = samples.map(summarize);

    console.log("\nResults (latency per call, measured ops only; ops/s = ok ops / wall time of the measured phase):");
    console.log(latencyTable(summaries));
    const failed = samples.filter((s) => s.errors > 0);
    for (const s of failed) console.log(`  ${s.name}: ${s.errors} failed — ${s.errorKinds.join(" | ")}`);

    const ctx = await workloads.queueContext(targets.guideIds.sunrise);
    const plans: PlanSummary[] = [];
    for (const view of ["open", "mine"] as const) {
      plans.push(await explainQueuePage(url, { ...ctx, view, take: 51 }));
    }
    console.log(`\nEXPLAIN (ANALYZE, BUFFERS) of the queue page query (queuePageSql, Sunrise guide, LIMIT 51):`);
    for (const p of plans) {
      console.log(
        `\n  view=${p.view}: ${p.usesPartialIndex ? "uses" : "does NOT use"} ${PARTIAL_INDEX}; ` +
          `execution ${p.executionMs ?? "?"} ms, planning ${p.planningMs ?? "?"} ms; ${p.buffers ?? "no buffers line"}`,
      );
      console.log(p.plan.map((l) => `    ${l}`).join("\n"));
    }

    console.log(`\nQuery breakdown (${plan.profileCalls} sequential calls each after 5 warm-up calls, every statement timed by Prisma's query log):`);
    const breakdown = await profile(
      url,
      [
        { name: "sendMessage", op: ops.send, firstIndex: profileFrom },
        { name: "createThread", op: ops.create, firstIndex: profileFrom },
        { name: "listQueueTickets view=open", op: () => ops.queue("open"), firstIndex: 0 },
        { name: "listQueueTickets view=mine", op: () => ops.queue("mine"), firstIndex: 0 },
        { name: "listMessages (guide)", op: ops.listAsGuide, firstIndex: profileFrom },
      ],
      plan.profileCalls,
      5,
    );
    if (!breakdown) {
      console.log("  No statements captured (lib/db/client.ts no longer keeps its client where profile.ts expects it): breakdown skipped.");
    } else {
      for (const b of breakdown) console.log(`\n${breakdownReport(b)}`);
      const queue = breakdown.find((b) => b.name === "listQueueTickets view=open");
      const slowest = (queue?.rows ?? []).filter((r) => r.meanMs >= 1 && /^SELECT/i.test(r.sql.trim())).slice(0, 3);
      for (const r of slowest) {
        console.log(`\n  EXPLAIN (ANALYZE, BUFFERS) of a queue statement (${r.meanMs.toFixed(2)} ms mean): ${r.shape.slice(0, 120)}…`);
        const lines = await explainCaptured(url, r.sql, r.params);
        // The preview query's plan repeats one branch per thread: show its head and totals.
        const shown = lines.length > 32 ? [...lines.slice(0, 28), `… (${lines.length - 30} more lines)`, ...lines.slice(-2)] : lines;
        console.log(shown.map((l) => `    ${l}`).join("\n"));
      }
    }

    console.log("\nData volume after the run:");
    console.log(table(["table", "rows"], Object.entries(await countRowsAt(url)), [false, true]));
    console.log(`\nload average after (1/5/15 min): ${loadAverage()}   (before: ${loadBefore}; ${os.cpus().length} cores)`);
    return failed.length > 0 ? 1 : 0;
  } finally {
    await workloads.closeDb();
  }
}

main()
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // Message and code only: driver errors can carry SQL, never print row contents.
      const e = error as { message?: string; code?: string };
      console.error(`\nBenchmark failed: ${e.message ?? String(error)}${e.code ? ` (${e.code})` : ""}`);
      process.exitCode = 1;
    },
  )
  .finally(() => cleanUp());
