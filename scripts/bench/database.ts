/**
 * The benchmark's own PostgreSQL database: created on the server of DATABASE_URL (or the
 * machine's local PostgreSQL), migrated with the app's runner, seeded with the demo data,
 * dropped at the end. Same steps as test/integration-global-setup.ts.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { applyMigrations } from "../../lib/db/migrate";
import { postgresExecutor } from "../../lib/db/sql-executor";
import { PrismaClient } from "../../lib/db/generated/client";
import { seedDemoData } from "../../prisma/seed/seed-demo-data";

export const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prisma/migrations");

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The server's address without credentials, for printing. */
export function describeServer(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || "5432"}`;
}

export async function createDatabase(serverUrl: string): Promise<{ name: string; url: string }> {
  // Lower-case hex only: safe to put in DDL as an identifier.
  const name = `concierge_bench_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return { name, url: withDatabase(serverUrl, name) };
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  if (!/^concierge_bench_[0-9a-f]+$/.test(name)) throw new Error(`refusing to drop ${name}`);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export async function migrate(url: string): Promise<string[]> {
  const executor = postgresExecutor(url);
  try {
    return (await applyMigrations(executor, migrationsDir)).applied;
  } finally {
    await executor.close();
  }
}

export async function seed(url: string): Promise<void> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  try {
    await seedDemoData(prisma);
  } finally {
    await prisma.$disconnect();
  }
}
