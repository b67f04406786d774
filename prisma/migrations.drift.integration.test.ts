/**
 * Drift check: the migrations (as applied by our own runner) must produce exactly what
 * prisma/schema.prisma describes. A schema change without `npm run db:migration:create`
 * fails here. Uses Prisma's WASM schema engine on scratch databases (scripts/db/schema-engine.ts).
 */
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { applyMigrations } from "../lib/db/migrate";
import { postgresExecutor } from "../lib/db/sql-executor";
import {
  DEFAULT_MIGRATIONS_DIR,
  DEFAULT_SCHEMA_PATH,
  diagnoseMigrationHistory,
  diffMigrationsToSchema,
  withScratchDatabase,
} from "../scripts/db/schema-engine";

const serverUrl = process.env.TEST_DATABASE_SERVER_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const SLOW = 60_000;

describe("prisma/migrations against prisma/schema.prisma", () => {
  it("has no drift: the migrations build exactly the schema", async () => {
    const drift = await diffMigrationsToSchema({ serverUrl });
    // On failure the message is the SQL a new migration needs.
    expect(drift, "Run `npm run db:migration:create -- <name>`; missing SQL:\n" + drift).toBe("");
  }, SLOW);

  it("can fail: a schema with an extra column shows up as drift", async () => {
    const schema = await readFile(DEFAULT_SCHEMA_PATH, "utf8");
    const modified = schema.replace(
      /^model User \{\n/m,
      'model User {\n  driftProbe String? @map("drift_probe")\n',
    );
    expect(modified).not.toBe(schema);
    const drift = await diffMigrationsToSchema({ serverUrl, schema: modified });
    expect(drift).toMatch(/ALTER TABLE "users" ADD COLUMN\s+"drift_probe" TEXT;/);
  }, SLOW);

  it("sees the hand-written audit triggers in the database, yet not as drift", async () => {
    // The no-drift test above ran on the same migrations; here we prove the triggers were
    // really there, i.e. the engine ignores them rather than never seeing them.
    const triggers = await withScratchDatabase(serverUrl, async (url) => {
      const db = postgresExecutor(url);
      try {
        await applyMigrations(db, DEFAULT_MIGRATIONS_DIR);
        return await db.query<{ table: string; trigger: string }>(
          `SELECT tgrelid::regclass::text AS table, tgname AS trigger FROM pg_trigger
            WHERE NOT tgisinternal ORDER BY 1, 2`,
        );
      } finally {
        await db.close();
      }
    });
    expect(triggers).toEqual([
      { table: "audit_log", trigger: "audit_log_append_only" },
      { table: "audit_log", trigger: "audit_log_database_time" },
      { table: "audit_log", trigger: "audit_log_no_truncate" },
      { table: "audit_seals", trigger: "audit_seals_append_only" },
      { table: "audit_seals", trigger: "audit_seals_no_truncate" },
    ]);
  }, SLOW);

  it("leaves a history that Prisma itself considers up to date", async () => {
    const diagnosis = await withScratchDatabase(serverUrl, async (url) => {
      const db = postgresExecutor(url);
      try {
        await applyMigrations(db, DEFAULT_MIGRATIONS_DIR);
      } finally {
        await db.close();
      }
      return diagnoseMigrationHistory(url, DEFAULT_MIGRATIONS_DIR);
    });
    expect(diagnosis).toEqual({
      editedMigrationNames: [],
      failedMigrationNames: [],
      hasMigrationsTable: true,
      history: null,
    });
  }, SLOW);
});
