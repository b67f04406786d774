// The embedded default: no DATABASE_URL → PGlite in DATA_DIR, migrated and (in demo mode)
// seeded when first opened; reopening keeps the data.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";

const dataDir = mkdtempSync(path.join(tmpdir(), "concierge-pglite-"));

async function freshClientModule() {
  vi.resetModules();
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("DEMO_MODE", "1");
  vi.stubEnv("MIGRATE_ON_START", "1");
  delete process.env.DATABASE_URL;
  return import("./client");
}

describe("embedded PGlite database", () => {
  afterAll(() => {
    vi.unstubAllEnvs();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("is chosen without DATABASE_URL, migrated and seeded on first open", async () => {
    const client = await freshClientModule();
    await client.closeDb();
    expect(client.databaseKind()).toBe("pglite");
    const started = Date.now();
    const db = await client.getDb();
    const firstOpenMs = Date.now() - started;
    expect(await db.user.count({ where: { email: "member@demo.test" } })).toBe(1);
    expect(await db.ticket.count()).toBeGreaterThan(0);
    expect(await client.getEmbeddedPglite()).not.toBeNull();
    await client.closeDb();
    console.info(`pglite first open (initdb + migrate + seed): ${firstOpenMs} ms`);
  });

  it("reopens the same directory with the data kept and nothing re-applied", async () => {
    const client = await freshClientModule();
    const started = Date.now();
    const db = await client.getDb();
    const reopenMs = Date.now() - started;
    expect(await db.user.count({ where: { email: { endsWith: "@demo.test" } } })).toBeGreaterThan(40);
    expect(await db.user.count({ where: { email: "admin@demo.test" } })).toBe(1);
    await client.closeDb();
    console.info(`pglite reopen: ${reopenMs} ms`);
  });
});
