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
// One audit seal key for the whole run: the test files share one database and its chain,
// while each has its own DATA_DIR (where a missing key would be generated anew). The anchor
// store stays per file (DATA_DIR/audit-anchors.log): it covers what that file sealed.
process.env.AUDIT_SEAL_KEY = "Y29uY2llcmdlLWludGVncmF0aW9uLXRlc3Qta2V5ISE=";
