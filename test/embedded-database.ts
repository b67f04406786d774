/**
 * For integration tests that run a piece of the app on the embedded default (PGlite in a
 * data directory of their own, migrated and seeded as `npm run demo` does) instead of the
 * run's PostgreSQL. Modules imported after `switchToEmbedded` see the embedded database.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { vi } from "vitest";

export type EmbeddedDatabase = { dataDir: string; client: typeof import("../lib/db/client") };

export async function switchToEmbedded(label: string): Promise<EmbeddedDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `concierge-pglite-${label}-`));
  vi.resetModules();
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("DEMO_MODE", "1");
  vi.stubEnv("MIGRATE_ON_START", "1");
  delete process.env.DATABASE_URL;
  const client = await import("../lib/db/client");
  await client.closeDb(); // the run's PostgreSQL client, opened by nothing yet in the file
  return { dataDir, client };
}

export async function leaveEmbedded(db: EmbeddedDatabase | undefined): Promise<void> {
  if (!db) return;
  await db.client.closeDb();
  vi.unstubAllEnvs();
  rmSync(db.dataDir, { recursive: true, force: true });
}
