// DATABASE_MIGRATION_URL (docs/database.md "Database roles"): the app starts with its runtime
// login role in DATABASE_URL and migrates on start through the migration role, which owns
// every table — a non-superuser, as an operator would create it. The runtime role then works
// and owns nothing; a migration role that may not create roles still migrates.
import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";

const serverUrl = inject("serverUrl");
const suffix = randomBytes(4).toString("hex");
const database = `concierge_test_roles_${suffix}`;
const owner = `concierge_it_owner_${suffix}`;
const app = `concierge_it_runtime_${suffix}`;
const su = new pg.Client({ connectionString: serverUrl });

function urlFor(user: string): string {
  const u = new URL(serverUrl);
  u.username = user;
  u.pathname = `/${database}`;
  return u.toString();
}

beforeAll(async () => {
  await su.connect();
  // As docs/database.md has an administrator do it (concierge_runtime may exist already:
  // roles are cluster-wide, and another test database's migration made it).
  await su.query(`DO $$ BEGIN CREATE ROLE concierge_runtime NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
  await su.query(`CREATE ROLE ${owner} LOGIN`);
  await su.query(`CREATE ROLE ${app} LOGIN IN ROLE concierge_runtime`);
  await su.query(`CREATE DATABASE ${database} OWNER ${owner}`);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await su.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await su.query(`DROP ROLE IF EXISTS ${app}`);
  await su.query(`DROP ROLE IF EXISTS ${owner}`);
  await su.end();
});

describe("migrating on start through DATABASE_MIGRATION_URL", () => {
  it("creates the tables as the migration role, and the app runs as the runtime role", async () => {
    vi.resetModules();
    vi.stubEnv("DATABASE_URL", urlFor(app));
    vi.stubEnv("DATABASE_MIGRATION_URL", urlFor(owner));
    vi.stubEnv("MIGRATE_ON_START", "1");
    const client = await import("./client");
    try {
      const db = await client.getDb();
      const [who] = await db.$queryRaw<{ user: string }[]>`SELECT current_user AS "user"`;
      expect(who!.user).toBe(app);
      const owners = await db.$queryRaw<{ owner: string }[]>`SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname = 'public'`;
      expect(owners).toEqual([{ owner }]);
      // A table from a later migration (ALTER DEFAULT PRIVILEGES) and the audit log both work
      // (audit_log's INSERT is per column: never its id; 20261202060000_audit_insert_columns).
      const { recordAudit } = await import("../domain/audit/record-audit");
      await recordAudit(db, null, { action: "test.roles", recordId: randomUUID() });
      expect(await db.auditLog.count({ where: { action: "test.roles" } })).toBe(1);
      await expect(db.$executeRaw`UPDATE audit_log SET reason = 'x'`).rejects.toThrow(/permission denied/);
      const [privileges] = await db.$queryRaw<{ missing: string[] }[]>`
        SELECT coalesce(array_agg(c.relname::text ORDER BY c.relname), '{}') AS missing
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'
           AND NOT (has_table_privilege(c.oid, 'SELECT') AND has_any_column_privilege(c.oid, 'INSERT'))`;
      expect(privileges!.missing).toEqual([]);
    } finally {
      await client.closeDb();
    }
  });
});
