/**
 * The migration runner against both databases the app supports: a fresh PostgreSQL database
 * and a fresh in-memory PGlite. Each backend gets its own copy of prisma/migrations in a temp
 * directory, so tests can tamper with files without touching the repository.
 */
import { createHash, randomBytes } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "./migrate";
import { pgliteExecutor, postgresExecutor, type SqlExecutor } from "./sql-executor";

const serverUrl = process.env.TEST_DATABASE_SERVER_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const repoMigrations = path.join(repoRoot, "prisma", "migrations");
const SLOW = 60_000;

type Backend = { executor: SqlExecutor; dispose: () => Promise<void> };

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A fresh PostgreSQL database; `executor` is one connection, `connect()` opens more. */
async function freshPostgres(): Promise<Backend & { connect: () => SqlExecutor }> {
  const name = `concierge_migrate_test_${randomBytes(5).toString("hex")}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = withDatabase(serverUrl, name);
  const opened: SqlExecutor[] = [];
  const connect = () => {
    const executor = postgresExecutor(url);
    opened.push(executor);
    return executor;
  };
  return {
    executor: connect(),
    connect,
    dispose: async () => {
      await Promise.all(opened.map((e) => e.close()));
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

async function freshPglite(): Promise<Backend> {
  const db = await PGlite.create(); // in memory
  return { executor: pgliteExecutor(db), dispose: () => db.close() };
}

/** Table names from the schema's @@map attributes (every model has one). */
async function expectedTables(): Promise<string[]> {
  const schema = await readFile(path.join(repoRoot, "prisma", "schema.prisma"), "utf8");
  return [...schema.matchAll(/@@map\("([^"]+)"\)/g)].map((m) => m[1]!).sort();
}

async function migrationNames(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

for (const [label, open] of [
  ["PostgreSQL", freshPostgres],
  ["PGlite", freshPglite],
] as const) {
  describe(`applyMigrations on ${label}`, () => {
    let backend: Backend;
    let db: SqlExecutor;
    let migrationsDir: string;
    let workDir: string;

    beforeAll(async () => {
      workDir = await mkdtemp(path.join(tmpdir(), "concierge-migrations-"));
      migrationsDir = path.join(workDir, "migrations");
      await cp(repoMigrations, migrationsDir, { recursive: true });
      backend = await open();
      db = backend.executor;
    }, SLOW);

    afterAll(async () => {
      await backend?.dispose();
      await rm(workDir, { recursive: true, force: true });
    }, SLOW);

    it("applies every migration in order on a fresh database", async () => {
      const names = await migrationNames(migrationsDir);
      expect(names.length).toBeGreaterThan(0);
      expect(await applyMigrations(db, migrationsDir)).toEqual({ applied: names });
    }, SLOW);

    it("creates the schema's tables", async () => {
      const rows = await db.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
      );
      const tables = rows.map((r) => r.table_name);
      expect(tables.sort()).toEqual([...(await expectedTables()), "_prisma_migrations"].sort());
    });

    it("keeps Prisma's _prisma_migrations history", async () => {
      const columns = await db.query<{ column_name: string; data_type: string; is_nullable: string }>(
        `SELECT column_name, data_type, is_nullable FROM information_schema.columns
          WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
      );
      expect(columns.map((c) => [c.column_name, c.data_type, c.is_nullable])).toEqual([
        ["id", "character varying", "NO"],
        ["checksum", "character varying", "NO"],
        ["finished_at", "timestamp with time zone", "YES"],
        ["migration_name", "character varying", "NO"],
        ["logs", "text", "YES"],
        ["rolled_back_at", "timestamp with time zone", "YES"],
        ["started_at", "timestamp with time zone", "NO"],
        ["applied_steps_count", "integer", "NO"],
      ]);

      const rows = await db.query<Record<string, unknown>>(
        `SELECT id, checksum, migration_name, logs, rolled_back_at, started_at, finished_at, applied_steps_count
           FROM "_prisma_migrations" ORDER BY started_at`,
      );
      const names = await migrationNames(migrationsDir);
      expect(rows.map((r) => r.migration_name)).toEqual(names);
      for (const row of rows) {
        const script = await readFile(path.join(migrationsDir, String(row.migration_name), "migration.sql"), "utf8");
        expect(row.checksum).toBe(sha256(script));
        expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(row.logs).toBeNull();
        expect(row.rolled_back_at).toBeNull();
        expect(row.applied_steps_count).toBe(1);
        expect(row.finished_at).toBeInstanceOf(Date);
        expect((row.finished_at as Date).getTime()).toBeGreaterThanOrEqual((row.started_at as Date).getTime());
      }
    });

    it("applies nothing the second time", async () => {
      expect(await applyMigrations(db, migrationsDir)).toEqual({ applied: [] });
      const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
      expect(count!.n).toBe((await migrationNames(migrationsDir)).length);
    });

    it("accepts a migration file whose line endings git changed (as Prisma does)", async () => {
      const [first] = await migrationNames(migrationsDir);
      const file = path.join(migrationsDir, first!, "migration.sql");
      const original = await readFile(file, "utf8");
      await writeFile(file, original.replace(/\r?\n/g, "\r\n"));
      try {
        expect(await applyMigrations(db, migrationsDir)).toEqual({ applied: [] });
      } finally {
        await writeFile(file, original);
      }
    });

    it("refuses to run when an applied migration's file changed", async () => {
      const [first] = await migrationNames(migrationsDir);
      const file = path.join(migrationsDir, first!, "migration.sql");
      const original = await readFile(file, "utf8");
      await writeFile(file, `${original}\n-- an innocent-looking edit\n`);
      try {
        await expect(applyMigrations(db, migrationsDir)).rejects.toThrow(
          new RegExp(`${first}.*changed after they were applied`),
        );
      } finally {
        await writeFile(file, original);
      }
      expect(await applyMigrations(db, migrationsDir)).toEqual({ applied: [] });
    });

    it("rolls a failing migration back, records it, and refuses until it is resolved", async () => {
      const name = "99990101000000_broken";
      await mkdir(path.join(migrationsDir, name));
      const file = path.join(migrationsDir, name, "migration.sql");
      await writeFile(file, `CREATE TABLE "half_done" (id int);\nSELECT 1 / 0;\n`);

      const failure = await applyMigrations(db, migrationsDir).catch((e: Error) => e);
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toMatch(`Migration ${name} failed and was rolled back: division by zero`);
      expect((failure as Error).message).not.toContain("half_done"); // no SQL in errors

      // All or nothing: the first statement did not survive.
      const [table] = await db.query<{ t: string | null }>(`SELECT to_regclass('half_done')::text AS t`);
      expect(table!.t).toBeNull();
      // Prisma's failed state: a row without finished_at, with logs.
      const [row] = await db.query<{ finished_at: unknown; logs: string; applied_steps_count: number }>(
        `SELECT finished_at, logs, applied_steps_count FROM "_prisma_migrations" WHERE migration_name = $1`,
        [name],
      );
      expect(row).toMatchObject({ finished_at: null, applied_steps_count: 0 });
      expect(row!.logs).toContain("division by zero");

      // Even after the file is fixed, nothing runs until someone marks the failure resolved.
      await writeFile(file, `CREATE TABLE "half_done" (id int);\n`);
      await expect(applyMigrations(db, migrationsDir)).rejects.toThrow(/99990101000000_broken failed earlier/);

      await db.query(
        `UPDATE "_prisma_migrations" SET rolled_back_at = now()
          WHERE migration_name = $1 AND finished_at IS NULL`,
        [name],
      );
      expect(await applyMigrations(db, migrationsDir)).toEqual({ applied: [name] });
      await db.exec(`DROP TABLE "half_done"`);
    }, SLOW);

    it("makes audit_log and audit_seals append-only, for the app's own connection too", async () => {
      const [audit] = await db.query<{ id: string }>(
        `INSERT INTO audit_log (action, outcome) VALUES ('migration.test', 'ALLOWED') RETURNING id::text AS id`,
      );
      await db.query(`INSERT INTO audit_seals (seq, audit_id, prev_hash, hash, version) VALUES (1, $1, 'genesis', 'h1', 2)`, [
        audit!.id,
      ]);

      const refused = /is append-only/;
      await expect(db.query(`UPDATE audit_log SET action = 'rewritten' WHERE id = $1`, [audit!.id])).rejects.toThrow(refused);
      await expect(db.query(`DELETE FROM audit_log WHERE id = $1`, [audit!.id])).rejects.toThrow(refused);
      // Plain TRUNCATE also trips over audit_seals' foreign key; CASCADE reaches the triggers.
      await expect(db.exec(`TRUNCATE audit_log`)).rejects.toThrow();
      await expect(db.exec(`TRUNCATE audit_log CASCADE`)).rejects.toThrow(refused);
      await expect(db.query(`UPDATE audit_seals SET hash = 'forged'`)).rejects.toThrow(refused);
      await expect(db.query(`DELETE FROM audit_seals`)).rejects.toThrow(refused);
      await expect(db.exec(`TRUNCATE audit_seals`)).rejects.toThrow(refused);

      const [after] = await db.query<{ action: string; seals: number }>(
        `SELECT action, (SELECT count(*)::int FROM audit_seals) AS seals FROM audit_log WHERE id = $1`,
        [audit!.id],
      );
      expect(after).toEqual({ action: "migration.test", seals: 1 });
    });
  });
}

describe("applyMigrations with two app instances starting at once (PostgreSQL)", () => {
  it("applies each migration exactly once", async () => {
    const backend = await freshPostgres();
    try {
      const [a, b] = await Promise.all([
        applyMigrations(backend.executor, repoMigrations),
        applyMigrations(backend.connect(), repoMigrations),
      ]);
      const names = await migrationNames(repoMigrations);
      // One instance did the work, the other waited on the lock and found nothing to do.
      expect([a.applied, b.applied].sort((x, y) => x.length - y.length)).toEqual([[], names]);
      const rows = await backend.executor.query<{ migration_name: string }>(
        `SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`,
      );
      expect(rows.map((r) => r.migration_name)).toEqual(names);
    } finally {
      await backend.dispose();
    }
  }, SLOW);
});
