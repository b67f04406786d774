/**
 * `npm run db:migrate`: applies pending migrations to DATABASE_MIGRATION_URL, else DATABASE_URL
 * (PostgreSQL), with the same runner the app uses at start-up. Replaces `prisma migrate deploy`, which needs Prisma's
 * native schema engine (not available on our machines). The embedded PGlite database is
 * migrated by the app itself when it opens it (lib/db/prepare.ts).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { applyMigrations } from "../../lib/db/migrate";
import { postgresExecutor } from "../../lib/db/sql-executor";

const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prisma/migrations");

// The migration role (owner of the tables) when configured; docs/database.md "Database roles".
const databaseUrl = process.env.DATABASE_MIGRATION_URL || process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("DATABASE_MIGRATION_URL (or DATABASE_URL) is required, e.g. DATABASE_MIGRATION_URL=postgresql://concierge_owner@127.0.0.1:5432/concierge npm run db:migrate");
  process.exit(2);
}

const executor = postgresExecutor(databaseUrl);
try {
  const { applied } = await applyMigrations(executor, migrationsDir);
  if (applied.length === 0) console.log("Database is up to date: no pending migrations.");
  for (const name of applied) console.log(`Applied ${name}`);
} catch (error) {
  console.error(`Migration failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await executor.close();
}
