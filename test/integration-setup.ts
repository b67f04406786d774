// Points the app's own configuration (lib/env.ts) at this run's database before any test
// module imports it.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.MIGRATE_ON_START = "false";
process.env.LOG_LEVEL = "silent";
