/**
 * The Prisma client and the choice of database (DESIGN.md §1).
 *
 *  - DATABASE_URL set  → PostgreSQL through the pg driver adapter.
 *  - DATABASE_URL unset → embedded PGlite (PostgreSQL in WASM) with its data in DATA_DIR/pglite.
 *
 * ⚠ Import this only from lib/domain, lib/access and the database scripts: everything
 * else reaches data through the domain layer (enforced by ESLint, see eslint.config.mjs).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { getEnv } from "../env";
import { PrismaClient } from "./generated/client";
import { prepareDatabase } from "./prepare";
import { pgliteExecutor, postgresExecutor, type SqlExecutor } from "./sql-executor";

export type Db = PrismaClient;

/**
 * One parameterized statement through the SAME pool (or PGlite instance) as Prisma, for the
 * few hot queries where Prisma's per-query cost is most of the request (docs/performance.md,
 * "CPU per request"). Rows come back as the driver parses them (timestamptz → Date, text[] →
 * string[], bigint → string).
 */
export type SqlQuery = <Row = Record<string, unknown>>(sql: string, params?: unknown[], options?: SqlOptions) => Promise<Row[]>;

/**
 * `name`: run it as a named prepared statement on PostgreSQL — parsed and planned once per
 * pool connection, then only executed (for the actor load that cut PostgreSQL's CPU from
 * ~0.15 to ~0.02 ms and the client's by half; docs/performance.md). The name must always
 * go with the same text (one constant per statement). Ignored on PGlite and when
 * DATABASE_PREPARED_STATEMENTS is off.
 */
export type SqlOptions = { name?: string };

type DbState = { prisma: PrismaClient; pglite: PGlite | null; executor: SqlExecutor; sql: SqlQuery; pool: pg.Pool | null };

// One client per process, kept on globalThis so Next's dev reloads and the several
// bundles of a production build share it (only one process may open a PGlite directory).
const globalKey = Symbol.for("concierge.db");
type GlobalWithDb = typeof globalThis & { [globalKey]?: Promise<DbState> };

async function openDatabase(): Promise<DbState> {
  const env = getEnv();
  if (env.DATABASE_URL) {
    // The pool is ours so that raw hot queries (getSql) share Prisma's connections; Prisma
    // ends it on $disconnect. The adapter passes its own type parsers per query, so the
    // pool's default parsing (used by getSql) does not change what Prisma returns.
    const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_SIZE });
    const adapter = new PrismaPg(pool, { disposeExternalPool: true });
    const prisma = new PrismaClient({ adapter });
    const prepared = env.DATABASE_PREPARED_STATEMENTS;
    const sql: SqlQuery = async <Row>(text: string, params: unknown[] = [], options: SqlOptions = {}) =>
      (await pool.query(prepared && options.name ? { name: options.name, text, values: params } : { text, values: params })).rows as Row[];
    return { prisma, pglite: null, executor: postgresExecutor(env.DATABASE_URL), sql, pool };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const dataDir = path.resolve(env.DATA_DIR, "pglite");
  // PGlite creates its own directory but not the parents.
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const pglite = await PGlite.create(dataDir);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const sql: SqlQuery = async <Row>(text: string, params: unknown[] = []) => (await pglite.query<Row>(text, params)).rows;
  return { prisma, pglite, executor: pgliteExecutor(pglite), sql, pool: null };
}

function state(): Promise<DbState> {
  const g = globalThis as GlobalWithDb;
  if (!g[globalKey]) {
    g[globalKey] = openDatabase().then(async (s) => {
      try {
        await prepareDatabase(s.prisma, s.executor);
        return s;
      } catch (error) {
        // Close before the retry opens it again: two PGlite instances on one directory
        // would corrupt it.
        await s.prisma.$disconnect().catch(() => undefined);
        await s.executor.close().catch(() => undefined);
        await s.pglite?.close().catch(() => undefined);
        throw error;
      }
    });
    // A failed open must not be cached forever: the next call retries.
    g[globalKey].catch(() => {
      delete g[globalKey];
    });
  }
  return g[globalKey];
}

/** The shared Prisma client, after migrations (and demo seeding) have run. */
export async function getDb(): Promise<PrismaClient> {
  return (await state()).prisma;
}

/** Raw parameterized SQL through Prisma's own pool (see SqlQuery), after migrations. */
export async function getSql(): Promise<SqlQuery> {
  return (await state()).sql;
}

/**
 * For tests that count database round trips: the PostgreSQL pool every query goes through
 * (Prisma's and getSql's), or null on PGlite. Each checkout is one round trip outside a
 * transaction.
 */
export async function getPoolForRoundTripCount(): Promise<pg.Pool | null> {
  return (await state()).pool;
}

/** The embedded PGlite instance, or null on PostgreSQL (used for LISTEN/NOTIFY). */
export async function getEmbeddedPglite(): Promise<PGlite | null> {
  return (await state()).pglite;
}

export function databaseKind(): "postgresql" | "pglite" {
  return getEnv().DATABASE_URL ? "postgresql" : "pglite";
}

export async function closeDb(): Promise<void> {
  const g = globalThis as GlobalWithDb;
  const current = g[globalKey];
  delete g[globalKey];
  if (!current) return;
  const s = await current.catch(() => null);
  if (!s) return;
  await s.prisma.$disconnect();
  await s.executor.close();
  await s.pglite?.close();
}
