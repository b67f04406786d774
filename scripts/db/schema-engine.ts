/**
 * Prisma's schema engine, official WASM build, driven through adapter-pg — development tooling
 * for generating migration SQL and for the drift check. Never imported by the app.
 *
 * Why: the native schema engine behind `prisma migrate dev/diff` cannot be downloaded here,
 * but the WASM engine computes the same diffs when handed a driver adapter. Two traps:
 *  - adapter-pg 7.10 cannot deserialize the catalog type "char" (OID 18) that the engine's
 *    introspection reads (pg_class.relkind & co.): we report it as text (it is a 1-char string);
 *  - its shadow-database handling is unreliable, and whenever the engine itself runs migration
 *    files (shadow database, applyMigrations) adapter-pg splits them on every ";" — outside a
 *    transaction, and fatally for plpgsql bodies like the audit trigger function. So we never
 *    let the engine apply anything: the "migrations" side of a diff is a scratch database of
 *    our own, migrated by OUR runner (lib/db/migrate.ts) — exactly what the app applies.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type {
  DiagnoseMigrationHistoryOutput,
  SchemaEngine,
  SchemaFilter,
} from "@prisma/schema-engine-wasm/schema_engine_bg";
import { applyMigrations } from "../../lib/db/migrate";
import { postgresExecutor } from "../../lib/db/sql-executor";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DEFAULT_SCHEMA_PATH = path.join(repoRoot, "prisma", "schema.prisma");
export const DEFAULT_MIGRATIONS_DIR = path.join(repoRoot, "prisma", "migrations");
const DEFAULT_SERVER_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

export type DiffOptions = {
  /** PostgreSQL server for the scratch database. Default: DATABASE_URL, else local postgres. */
  serverUrl?: string;
  migrationsDir?: string;
  /** Target schema file; `schema` (its text) overrides the file's contents. */
  schemaPath?: string;
  schema?: string;
};

/**
 * SQL that takes a database with every migration applied (by our runner) to the schema;
 * "" when they agree. Works on a scratch database that it creates and drops.
 */
export async function diffMigrationsToSchema(options: DiffOptions = {}): Promise<string> {
  const schema = await loadSchema(options);
  const migrationsDir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  return withScratchDatabase(options.serverUrl, async (scratchUrl) => {
    if (existsSync(migrationsDir)) {
      const executor = postgresExecutor(scratchUrl);
      try {
        await applyMigrations(executor, migrationsDir);
      } finally {
        await executor.close();
      }
    }
    return withEngine(scratchUrl, schema, async (engine) => {
      // "schemaDatasource" = the database the adapter is connected to (the scratch database).
      const result = await engine.diff({
        from: { tag: "schemaDatasource", files: [schema], configDir: repoRoot },
        to: { tag: "schemaDatamodel", files: [schema] },
        script: true,
        exitCode: null,
        filters: NO_FILTERS,
      });
      return normalizeScript(result.stdout);
    });
  });
}

/** SQL that creates the whole schema from nothing (how the init migration was generated). */
export async function diffEmptyToSchema(options: Omit<DiffOptions, "migrationsDir"> = {}): Promise<string> {
  const schema = await loadSchema(options);
  // The engine wants a connection even for a pure file diff; it only reads.
  return withEngine(serverUrlOf(options.serverUrl), schema, async (engine) => {
    const result = await engine.diff({
      from: { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return normalizeScript(result.stdout);
  });
}

/**
 * What Prisma itself (`migrate status` / `migrate deploy`) concludes about a database's migration
 * history, read-only. Used to prove our runner leaves Prisma-compatible history behind.
 */
export async function diagnoseMigrationHistory(
  databaseUrl: string,
  migrationsDir: string = DEFAULT_MIGRATIONS_DIR,
): Promise<DiagnoseMigrationHistoryOutput> {
  const schema = await loadSchema({});
  const migrationsList = await loadMigrationsList(migrationsDir);
  return withEngine(databaseUrl, schema, (engine) =>
    engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: NO_FILTERS }),
  );
}

/** Creates `concierge_scratch_<random>` on the server, runs `fn` with its URL, drops it. */
export async function withScratchDatabase<T>(
  serverUrl: string | undefined,
  fn: (databaseUrl: string) => Promise<T>,
): Promise<T> {
  const server = serverUrlOf(serverUrl);
  const name = `concierge_scratch_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client(connectionFields(server));
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
    try {
      return await fn(withDatabase(server, name));
    } finally {
      // FORCE (PostgreSQL 13+) ends connections a crashed step may have left open.
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}

// ───────────────────────────── engine plumbing ─────────────────────────────

type SchemaFile = { path: string; content: string };

async function loadSchema(options: Pick<DiffOptions, "schemaPath" | "schema">): Promise<SchemaFile> {
  const schemaPath = options.schemaPath ?? DEFAULT_SCHEMA_PATH;
  return { path: schemaPath, content: options.schema ?? (await readFile(schemaPath, "utf8")) };
}

async function loadMigrationsList(migrationsDir: string) {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? await readFile(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      names.map(async (name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: { tag: "ok" as const, value: await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8") },
        },
      })),
    ),
  };
}

/** The engine prints "-- This is an empty migration." for no changes: make that "". */
function normalizeScript(stdout: string | null): string {
  const script = stdout ?? "";
  const meaningful = script
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("--"));
  return meaningful.length === 0 ? "" : script;
}

/**
 * The wasm-bindgen glue expects a bundler to load the .wasm file; on plain Node we instantiate
 * it ourselves, once per process (the glue keeps the instance in a module-level variable).
 */
const wasmReady = Symbol.for("concierge.schemaEngineWasm");
type GlobalWithWasm = typeof globalThis & { [wasmReady]?: Promise<void> };

function loadWasm(): Promise<void> {
  const g = globalThis as GlobalWithWasm;
  g[wasmReady] ??= (async () => {
    const require = createRequire(import.meta.url);
    const glue = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(path.join(path.dirname(glue), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": engineBindings as unknown as WebAssembly.ModuleImports,
    });
    engineBindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return g[wasmReady];
}

async function withEngine<T>(
  databaseUrl: string,
  schema: SchemaFile,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  await loadWasm();
  // Our own pool, so we can close it (the engine does not), with "char" mapped to text.
  const pool = new pg.Pool({ ...connectionFields(databaseUrl), Client: CharAsTextClient, max: 2 });
  pool.on("error", () => {}); // idle connections dropped by DROP DATABASE ... WITH (FORCE)
  const pgFactory = new PrismaPg(pool);
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: pgFactory.provider,
    adapterName: pgFactory.adapterName,
    connect: () => pgFactory.connect(),
    connectToShadowDb: () =>
      Promise.reject(new Error("scripts/db/schema-engine.ts never gives the schema engine a shadow database")),
  };
  const engineErrors: string[] = [];
  const engine = await engineBindings.SchemaEngine.new(
    { datamodels: [[schema.path, schema.content]] },
    // The engine logs JSON lines (debug ones can contain SQL): keep only errors, for context.
    (line: string) => {
      if (line.includes('"level":"ERROR"')) engineErrors.push(line);
    },
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await fn(engine);
  } catch (error) {
    const detail = engineErrors.length ? `\n${engineErrors.join("\n")}` : "";
    throw new Error(`Prisma schema engine: ${(error as Error)?.message ?? String(error)}${detail}`);
  } finally {
    engine.free();
    await pool.end();
  }
}

/**
 * Reports columns of type "char" (OID 18) as text (OID 25). pg already returns them as strings;
 * only adapter-pg's type mapping rejects the OID.
 */
class CharAsTextClient extends pg.Client {
  constructor(config?: pg.ClientConfig) {
    super(config);
    // pg's query() has many overloads (promise or callback); post-process whatever comes back.
    const query = this.query.bind(this) as (...args: unknown[]) => unknown;
    this.query = ((...args: unknown[]) => {
      const callbackIndex = args.findIndex((arg) => typeof arg === "function");
      if (callbackIndex >= 0) {
        const callback = args[callbackIndex] as (err: unknown, res: unknown) => void;
        args[callbackIndex] = (err: unknown, res: unknown) => callback(err, err ? res : charAsText(res));
      }
      const result = query(...args);
      return result instanceof Promise ? result.then(charAsText) : result;
    }) as pg.Client["query"];
  }
}

const CHAR_OID = 18;
const TEXT_OID = 25;

function charAsText<R>(result: R): R {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const field of (r as { fields?: { dataTypeID: number }[] } | null)?.fields ?? []) {
      if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

// ───────────────────────────── connection strings ─────────────────────────────

function serverUrlOf(serverUrl: string | undefined): string {
  return serverUrl ?? process.env.DATABASE_URL ?? DEFAULT_SERVER_URL;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/**
 * Separate host/port/user/database fields, not `connectionString`: pg lets a connection string
 * override the other fields (the database name included), which once pointed a "separate"
 * database back at the main one.
 */
function connectionFields(url: string): pg.ClientConfig {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname) || "127.0.0.1",
    port: u.port ? Number(u.port) : 5432,
    user: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.replace(/^\//, "")) || undefined,
  };
}
