// DEMO_MODE must never put accounts with a published password into a real database.
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { inject } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { applyMigrations } from "./migrate";
import { postgresExecutor } from "./sql-executor";

const serverUrl = inject("serverUrl");
const name = `concierge_demo_guard_${randomBytes(4).toString("hex")}`;
const url = (() => {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
})();

describe("demo mode on a database with real accounts", () => {
  let prisma: PrismaClient;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const executor = postgresExecutor(url);
    await applyMigrations(executor, path.resolve("prisma/migrations"));
    await executor.close();
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    await prisma.user.create({ data: { email: "real.person@example.org", name: "Real Person", role: "ADMIN" } });
  });

  afterAll(async () => {
    await prisma.$disconnect();
    vi.unstubAllEnvs();
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it("refuses to start and adds no demo account", async () => {
    vi.stubEnv("DEMO_MODE", "1");
    vi.stubEnv("MIGRATE_ON_START", "0");
    vi.resetModules();
    const { prepareDatabase } = await import("./prepare");
    const executor = postgresExecutor(url);
    await expect(prepareDatabase(prisma, executor)).rejects.toThrow(/DEMO_MODE/);
    await executor.close();
    expect(await prisma.user.count({ where: { email: { endsWith: "@demo.test" } } })).toBe(0);
  });
});
