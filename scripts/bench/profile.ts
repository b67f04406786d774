/**
 * Query breakdown: where the time of one call goes. Runs each workload sequentially with a
 * Prisma client that reports every statement and its duration, groups the statements per
 * workload, and EXPLAINs the slowest statements of the queue view with their real
 * parameters (through the app's raw executor).
 *
 * The instrumented client is put where lib/db/client.ts keeps the process's client (the
 * `Symbol.for("concierge.db")` slot on globalThis), so the domain functions use it
 * unchanged. Should that slot ever move, no statements are captured and the breakdown says
 * so instead of printing wrong figures. Statements are printed as SQL shapes with
 * placeholders; parameter values are never printed.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { closeDb } from "../../lib/db/client";
import { PrismaClient } from "../../lib/db/generated/client";
import { postgresExecutor } from "../../lib/db/sql-executor";
import { table } from "./report";

type Statement = { sql: string; params: string; ms: number };

export type Breakdown = {
  name: string;
  calls: number;
  meanCallMs: number;
  meanStatementMs: number;
  statementsPerCall: number;
  rows: { shape: string; perCall: number; meanMs: number; share: number; sql: string; params: string }[];
};

/** A statement's shape: whitespace collapsed, column lists elided. */
export function shapeOf(sql: string): string {
  return sql
    .replace(/\s+/g, " ")
    .replace(/"public"\./g, "")
    .replace(/SELECT (.+?) FROM/g, (_m, cols: string) => (cols.length > 40 ? "SELECT … FROM" : `SELECT ${cols} FROM`))
    .replace(/INSERT INTO (\S+) \(.+?\) VALUES \(.+?\)/g, "INSERT INTO $1 (…) VALUES (…)")
    .replace(/RETURNING .+$/g, "RETURNING …")
    .trim();
}

export async function profile(
  url: string,
  workloads: { name: string; op: (i: number) => Promise<void>; firstIndex: number }[],
  calls: number,
  warmup: number,
): Promise<Breakdown[] | null> {
  await closeDb();
  // The same shape as lib/db/client.ts's state: Prisma over a pool of ours, and the raw
  // `sql` hot queries (getSql) through that pool — timed here too, since Prisma's query
  // log does not see them.
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }), log: [{ emit: "event", level: "query" }] });
  let current: Statement[] | null = null;
  prisma.$on("query", (e) => {
    current?.push({ sql: e.query, params: e.params, ms: e.duration });
  });
  const sql = async (text: string, params: unknown[] = []) => {
    const t0 = performance.now();
    const rows = (await pool.query(text, params)).rows;
    current?.push({ sql: text, params: JSON.stringify(params), ms: performance.now() - t0 });
    return rows;
  };
  const executor = postgresExecutor(url);
  const slot = Symbol.for("concierge.db");
  const g = globalThis as unknown as Record<symbol, unknown>;
  g[slot] = Promise.resolve({ prisma, pglite: null, executor, sql, pool });

  try {
    const results: Breakdown[] = [];
    for (const w of workloads) {
      for (let i = 0; i < warmup; i++) await w.op(w.firstIndex + i);
      const perCall: { ms: number; statements: Statement[] }[] = [];
      for (let i = 0; i < calls; i++) {
        const statements: Statement[] = [];
        current = statements;
        const t0 = performance.now();
        await w.op(w.firstIndex + warmup + i);
        const ms = performance.now() - t0;
        // Let late query events arrive before the next call starts.
        await new Promise((resolve) => setImmediate(resolve));
        current = null;
        perCall.push({ ms, statements });
      }
      const all = perCall.flatMap((c) => c.statements);
      if (all.length === 0) return null;
      const byShape = new Map<string, { n: number; ms: number; sql: string; params: string }>();
      for (const s of all) {
        const key = shapeOf(s.sql);
        const entry = byShape.get(key) ?? { n: 0, ms: 0, sql: s.sql, params: s.params };
        entry.n += 1;
        entry.ms += s.ms;
        entry.params = s.params;
        byShape.set(key, entry);
      }
      const totalStatementMs = all.reduce((a, s) => a + s.ms, 0);
      results.push({
        name: w.name,
        calls,
        meanCallMs: perCall.reduce((a, c) => a + c.ms, 0) / calls,
        meanStatementMs: totalStatementMs / calls,
        statementsPerCall: all.length / calls,
        rows: [...byShape.entries()]
          .map(([shape, e]) => ({ shape, perCall: e.n / calls, meanMs: e.ms / e.n, share: e.ms / totalStatementMs, sql: e.sql, params: e.params }))
          .sort((a, b) => b.share - a.share),
      });
    }
    return results;
  } finally {
    delete g[slot];
    await prisma.$disconnect();
    await executor.close();
  }
}

export function breakdownReport(b: Breakdown, width = 150): string {
  const head =
    `  ${b.name}: ${b.calls} sequential calls, mean ${b.meanCallMs.toFixed(1)} ms per call, ` +
    `${b.statementsPerCall.toFixed(1)} statements per call, their durations summing to ${b.meanStatementMs.toFixed(1)} ms ` +
    `(statements run in parallel overlap, so the sum can exceed the call)`;
  const rows = b.rows.map((r) => [`${(r.share * 100).toFixed(0)}%`, r.meanMs.toFixed(2), r.perCall.toFixed(1), r.shape.length > width ? `${r.shape.slice(0, width - 1)}…` : r.shape]);
  return `${head}\n${table(["share", "mean ms", "per call", "statement"], rows, [true, true, true, false])
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n")}`;
}

/** EXPLAIN (ANALYZE, BUFFERS) of a captured statement with its captured parameters. */
export async function explainCaptured(url: string, sql: string, params: string): Promise<string[]> {
  const executor = postgresExecutor(url);
  try {
    const values = JSON.parse(params) as unknown[];
    const rows = await executor.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, values);
    return rows.map((r) => r["QUERY PLAN"]);
  } catch (error) {
    return [`(could not EXPLAIN: ${(error as Error).message})`];
  } finally {
    await executor.close();
  }
}
