// Runs `prisma generate` on machines without Prisma's native schema engine.
//
// Why: @prisma/engines tries to download the native schema engine at install time and
// fails quietly offline; without it the CLI refuses to generate. Generation does not need
// the engine, so we point PRISMA_SCHEMA_ENGINE_BINARY at a stub that exits NON-ZERO.
// (A stub that exits 0 would make `prisma migrate deploy` silently do nothing — we never
// use the CLI for migrations; see scripts/db/.)
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const dir = path.join(tmpdir(), "concierge-prisma");
  mkdirSync(dir, { recursive: true });
  const stub = path.join(dir, "schema-engine-unavailable.sh");
  if (!existsSync(stub)) {
    writeFileSync(stub, "#!/bin/sh\necho 'native schema engine not available; use npm run db:migrate' >&2\nexit 1\n");
    chmodSync(stub, 0o755);
  }
  env.PRISMA_SCHEMA_ENGINE_BINARY = stub;
}
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const result = spawnSync("npx", ["--no-install", "prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
