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
    // Imported lazily: demo data never loads outside demo mode.
    const { seedDemoData } = await import("../../prisma/seed/seed-demo-data");
    await seedDemoData(prisma);
  }
}
