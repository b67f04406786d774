/**
 * Brings a database up to date when the process opens it: pending migrations (unless
 * MIGRATE_ON_START is off), then demo data in demo mode. Runs inside the app process
 * because only one process may open an embedded PGlite directory.
 */
import path from "node:path";
import { getEnv } from "../env";
import type { PrismaClient } from "./generated/client";
import { applyMigrations } from "./migrate";
import type { SqlExecutor } from "./sql-executor";

export function migrationsDirectory(): string {
  return path.join(process.cwd(), "prisma", "migrations");
}

export async function prepareDatabase(prisma: PrismaClient, executor: SqlExecutor): Promise<void> {
  const env = getEnv();
  if (env.MIGRATE_ON_START) {
    await applyMigrations(executor, migrationsDirectory());
  }
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
