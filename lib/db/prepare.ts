/**
 * Brings a database up to date when the process opens it: pending migrations (unless
 * MIGRATE_ON_START is off), then demo data in demo mode. Runs inside the app process
 * because only one process may open an embedded PGlite directory.
 *
 * ⚠ SECURITY (docs/database.md "Database roles"): on PostgreSQL, migrations run through
 * DATABASE_MIGRATION_URL (the role that owns the tables) when it is set, so the app's own
 * DATABASE_URL role can be one without ownership or DDL rights, which cannot disable or drop
 * the audit triggers. In production the app logs an ERROR at every start when its role could
 * (a loud warning, not a refusal: deployments without the role split keep running; the keyed
 * seals and external anchors still show a rewrite — docs/audit.md "Database roles").
 */
import path from "node:path";
import { getEnv } from "../env";
import { logger } from "../log/logger";
import type { PrismaClient } from "./generated/client";
import { applyMigrations } from "./migrate";
import { postgresExecutor, type SqlExecutor } from "./sql-executor";

export function migrationsDirectory(): string {
  return path.join(process.cwd(), "prisma", "migrations");
}

export async function prepareDatabase(prisma: PrismaClient, executor: SqlExecutor): Promise<void> {
  const env = getEnv();
  if (env.MIGRATE_ON_START) await migrateOnStart(executor);
  if (env.DATABASE_URL && env.NODE_ENV === "production") await warnIfRuntimeRoleCanRewriteAudit(executor);
  if (env.DEMO_MODE) {
    await assertDemoDatabase(prisma);
    // Imported lazily: demo data never loads outside demo mode.
    const { seedDemoData } = await import("../../prisma/seed/seed-demo-data");
    await seedDemoData(prisma);
  }
}

/**
 * ⚠ SECURITY: demo data holds accounts with a published password. It may only go into an
 * empty database (or one that already holds exactly the demo data): DEMO_MODE pointed at a
 * real database by mistake must stop the server, not add an admin with a known password.
 */
async function assertDemoDatabase(prisma: PrismaClient): Promise<void> {
  const [users, demoAdmin] = await Promise.all([
    prisma.user.count(),
    prisma.user.count({ where: { email: "admin@demo.test" } }),
  ]);
  if (users > 0 && demoAdmin === 0) {
    throw new Error("DEMO_MODE is on but the database already holds real accounts. Demo data is only loaded into an empty database; unset DEMO_MODE.");
  }
}

/** Pending migrations through the migration role's own connection when there is one. */
async function migrateOnStart(runtimeExecutor: SqlExecutor): Promise<void> {
  const env = getEnv();
  if (env.DATABASE_URL && env.DATABASE_MIGRATION_URL) {
    const migrator = postgresExecutor(env.DATABASE_MIGRATION_URL);
    try {
      await applyMigrations(migrator, migrationsDirectory());
    } finally {
      await migrator.close();
    }
    return;
  }
  if (env.DATABASE_URL && env.NODE_ENV === "production") {
    logger.warn({ variable: "DATABASE_MIGRATION_URL" }, "MIGRATE_ON_START migrates through DATABASE_URL: set DATABASE_MIGRATION_URL so the app's own role need not own the tables (docs/database.md)");
  }
  await applyMigrations(runtimeExecutor, migrationsDirectory());
}

/**
 * A role that owns audit_log (or is a superuser) can disable or drop its append-only triggers
 * and write rows with any id and time: the keyed seals and anchors still show a rewrite, but
 * it should not be the app's role. null: the role cannot.
 */
export async function auditRoleRisk(executor: SqlExecutor): Promise<{ superuser: boolean; ownsAuditLog: boolean } | null> {
  const [role] = await executor.query<{ superuser: boolean; owns: boolean }>(
    `SELECT r.rolsuper AS superuser, pg_has_role(current_user, c.relowner, 'MEMBER') AS owns
       FROM pg_roles r, pg_class c
      WHERE r.rolname = current_user AND c.oid = to_regclass('audit_log')`,
  );
  return role?.superuser || role?.owns ? { superuser: role.superuser, ownsAuditLog: role.owns } : null;
}

/** ⚠ SECURITY: loud on purpose — error level, a stable `securityWarning` key to alert on. */
export async function warnIfRuntimeRoleCanRewriteAudit(executor: SqlExecutor): Promise<void> {
  const risk = await auditRoleRisk(executor);
  if (!risk) return;
  logger.error(
    { securityWarning: "audit_rewritable_by_app_role", ...risk },
    "SECURITY: the app's database role can disable the audit log's append-only triggers and write audit rows with any id or time. Run the app as a member of concierge_runtime and migrate with DATABASE_MIGRATION_URL (docs/database.md, docs/audit.md)",
  );
}
