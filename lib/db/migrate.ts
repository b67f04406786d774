/**
 * Applies the migrations in prisma/migrations, with the same result as `prisma migrate deploy`.
 *
 * Why not the Prisma CLI: its native schema engine cannot be installed on our machines, and the
 * embedded PGlite database can only be opened by the app process itself, so migrations must run
 * in-process. The files and the `_prisma_migrations` table stay in Prisma Migrate's own format,
 * so a machine with the real CLI sees the same database as up to date, and vice versa.
 *
 * Loaded by the Next.js server at start-up (prepare.ts): node: built-ins only. It never logs or
 * throws SQL text — only migration names and database error messages.
 */
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { SqlExecutor } from "./sql-executor";

/**
 * The key Prisma's schema engine itself passes to pg_advisory_lock, so this runner, other app
 * instances and a real `prisma migrate deploy` all wait for each other.
 */
const MIGRATION_LOCK_KEY = 72707369;

/** Prisma's own DDL for its history table (PostgreSQL flavour), column for column. */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

type Migration = { name: string; script: string };

type HistoryRow = {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
};

/**
 * Applies pending migrations, each in its own transaction, and returns the names it applied.
 *
 * The executor must be ONE connection (both executors in sql-executor.ts are): the advisory
 * lock and the transactions below are per session.
 */
export async function applyMigrations(
  executor: SqlExecutor,
  migrationsDir: string,
): Promise<{ applied: string[] }> {
  const migrations = await readMigrations(migrationsDir);

  // Serialize concurrent starts (several app instances against one PostgreSQL). The loser
  // waits here and then finds nothing left to do. Harmless on single-connection PGlite.
  await executor.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
  try {
    await executor.exec(CREATE_MIGRATIONS_TABLE);
    const history = await executor.query<HistoryRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at
         FROM "_prisma_migrations" ORDER BY started_at`,
    );
    // Rows marked rolled back (`prisma migrate resolve --rolled-back`) are only an audit trail.
    const live = history.filter((row) => row.rolled_back_at === null);
    refuseFailedMigrations(live);
    refuseEditedMigrations(live, migrations);

    const appliedNames = new Set(live.map((row) => row.migration_name));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (appliedNames.has(migration.name)) continue;
      await applyOne(executor, migration);
      applied.push(migration.name);
    }
    return { applied };
  } finally {
    // A session-level lock outlives transactions, so release it explicitly. If the connection
    // is gone the server has released it already; don't mask the original error.
    await executor.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`).catch(() => {});
  }
}

/** Every sub-directory is a migration, applied in name (= timestamp) order, like Prisma. */
async function readMigrations(migrationsDir: string): Promise<Migration[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch((error: unknown) => {
    // A missing directory is a packaging mistake, not "no migrations": fail loudly.
    throw new Error(`Migrations directory not found: ${migrationsDir} (${(error as Error).message})`);
  });

  // Prisma refuses to apply migrations written for another database provider.
  const lockfile = await readFile(path.join(migrationsDir, "migration_lock.toml"), "utf8").catch(() => null);
  const provider = lockfile?.match(/^\s*provider\s*=\s*"([^"]*)"/m)?.[1];
  if (lockfile !== null && provider !== "postgresql") {
    throw new Error(`migration_lock.toml names provider "${provider ?? "?"}", expected "postgresql".`);
  }

  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(migrationsDir, name, "migration.sql");
      const script = await readFile(file, "utf8").catch(() => {
        throw new Error(`Migration ${name} has no readable migration.sql (${file}).`);
      });
      return { name, script };
    }),
  );
}

/**
 * A migration that started but neither finished nor was marked rolled back blocks everything,
 * exactly like Prisma's P3009: someone must look at it before more schema changes go in.
 */
function refuseFailedMigrations(live: HistoryRow[]): void {
  const failed = live.filter((row) => row.finished_at === null).map((row) => row.migration_name);
  if (failed.length === 0) return;
  throw new Error(
    `Refusing to migrate: migration(s) ${failed.join(", ")} failed earlier (see the logs column of ` +
      `_prisma_migrations). Fix the cause, check the database for partial changes (this runner rolls ` +
      `a failed migration back; an older Prisma CLI run may not have), then mark it rolled back — ` +
      `\`prisma migrate resolve --rolled-back <name>\`, or: UPDATE "_prisma_migrations" SET ` +
      `rolled_back_at = now() WHERE migration_name = '<name>' AND finished_at IS NULL — and start again.`,
  );
}

/**
 * An applied migration whose file changed means the database and the repository disagree about
 * history. Prisma's `migrate deploy` ignores this; we refuse, because silently running with a
 * schema nobody can reproduce is worse than not starting.
 */
function refuseEditedMigrations(live: HistoryRow[], migrations: Migration[]): void {
  const scripts = new Map(migrations.map((m) => [m.name, m.script]));
  const edited = live
    .filter((row) => scripts.has(row.migration_name))
    .filter((row) => !matchesChecksum(scripts.get(row.migration_name)!, row.checksum))
    .map((row) => row.migration_name);
  if (edited.length === 0) return;
  throw new Error(
    `Refusing to migrate: migration(s) ${edited.join(", ")} changed after they were applied ` +
      `(checksum mismatch). Restore the original file(s) and put changes in a new migration.`,
  );
}

/** Prisma's checksum: SHA-256 of the file, lower-case hex. */
function checksum(script: string): string {
  return createHash("sha256").update(script, "utf8").digest("hex");
}

/** Like Prisma, accept either line ending: git may convert them on checkout. */
function matchesChecksum(script: string, expected: string): boolean {
  const variants = [script, script.replace(/\r\n/g, "\n"), script.replace(/\r?\n/g, "\r\n")];
  return variants.some((variant) => checksum(variant) === expected);
}

/**
 * Records and runs one migration the way Prisma does (row inserted at start, one step counted,
 * finished_at set at the end) — but all in one transaction, so a failure leaves no partial
 * schema behind. (Hence no CREATE INDEX CONCURRENTLY in migration files.)
 */
async function applyOne(executor: SqlExecutor, migration: Migration): Promise<void> {
  const id = randomUUID();
  const sum = checksum(migration.script);
  await executor.exec("BEGIN");
  try {
    await executor.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at)
       VALUES ($1, $2, $3, clock_timestamp())`,
      [id, sum, migration.name],
    );
    await executor.exec(migration.script);
    await executor.query(
      `UPDATE "_prisma_migrations"
          SET applied_steps_count = applied_steps_count + 1, finished_at = clock_timestamp()
        WHERE id = $1`,
      [id],
    );
    await executor.exec("COMMIT");
  } catch (error) {
    // Only the message and SQLSTATE leave this function: driver errors can carry the SQL text
    // (PGlite attaches the whole query), and that must not reach logs.
    const { message, code } = error as { message?: string; code?: string };
    const reason = `${message ?? String(error)}${code ? ` (SQLSTATE ${code})` : ""}`;
    await executor.exec("ROLLBACK").catch(() => {});
    // Leave the failure in the history like Prisma does (finished_at NULL, logs set), so the
    // next start refuses until someone has looked. Best effort: the connection may be gone.
    await executor
      .query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at)
         VALUES ($1, $2, $3, $4, now())`,
        [id, sum, migration.name, reason],
      )
      .catch(() => {});
    throw new Error(`Migration ${migration.name} failed and was rolled back: ${reason}`);
  }
}
