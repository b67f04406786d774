// Points the app's own configuration (lib/env.ts) at this run's database before any test
// module imports it.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.MIGRATE_ON_START = "false";
process.env.LOG_LEVEL = "silent";
// Local document storage (and its generated key) in a directory of this test file's own,
// never the checkout's .data/.
process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "concierge-it-data-"));
