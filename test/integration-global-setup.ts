/**
 * Creates a PostgreSQL database for this test run, applies the migrations with the same
 * runner the app uses, seeds the demo data set, and drops the database afterwards.
 * Server: TEST_DATABASE_SERVER_URL, else the machine's local PostgreSQL.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { PrismaPg } from "@prisma/adapter-pg";
import { applyMigrations } from "../lib/db/migrate";
import { postgresExecutor } from "../lib/db/sql-executor";
import { PrismaClient } from "../lib/db/generated/client";
import { seedDemoData } from "../prisma/seed/seed-demo-data";

export const serverUrl = process.env.TEST_DATABASE_SERVER_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    serverUrl: string;
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const name = `concierge_test_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();

  const databaseUrl = withDatabase(serverUrl, name);
  const executor = postgresExecutor(databaseUrl);
  await applyMigrations(executor, path.resolve("prisma/migrations"));
  await executor.close();

  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  await seedDemoData(prisma);
  await prisma.$disconnect();

  project.provide("databaseUrl", databaseUrl);
  project.provide("serverUrl", serverUrl);

  return async () => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
}
