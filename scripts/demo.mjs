#!/usr/bin/env node
// `npm run demo`: the product on its embedded defaults (PGlite in .data/, local document
// storage, demo data), built if needed, on PORT (default 3000).
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const port = process.env.PORT ?? "3000";
const url = process.env.AUTH_URL ?? `http://localhost:${port}`;
const fingerprintFile = path.join(root, ".next", "concierge-build-fingerprint");

// A cheap fingerprint of everything that goes into the build: paths, sizes, mtimes.
function fingerprint() {
  const hash = createHash("sha256");
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else {
        const s = statSync(p);
        hash.update(`${p}:${s.size}:${s.mtimeMs}\n`);
      }
    }
  };
  for (const d of ["app", "components", "lib", "prisma", "public"]) walk(path.join(root, d));
  for (const f of ["package-lock.json", "next.config.mjs", "instrumentation.ts", "postcss.config.mjs", "tsconfig.json"]) {
    const p = path.join(root, f);
    if (existsSync(p)) hash.update(`${f}:${statSync(p).mtimeMs}\n`);
  }
  return hash.digest("hex");
}

const current = fingerprint();
const built = existsSync(fingerprintFile) ? readFileSync(fingerprintFile, "utf8") : "";
if (built !== current || !existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.log("Building Concierge (first run or changed sources)…");
  const result = spawnSync("npx", ["--no-install", "next", "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(fingerprintFile, fingerprint());
}

const env = { ...process.env, NODE_ENV: "production", DEMO_MODE: "1", AUTH_URL: url, NEXTAUTH_URL: url, NEXT_TELEMETRY_DISABLED: "1", PORT: port };
const started = Date.now();
const server = spawn(process.execPath, ["server.mjs"], { cwd: root, stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

async function waitForHealth() {
  for (let i = 0; i < 240; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return res.json();
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not become healthy within 2 minutes");
}

waitForHealth().then(
  (health) => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`
  Concierge is running on embedded defaults (ready in ${seconds} s; health: ${health.status}).
  Open ${url}

  Demo accounts (password: demo-password)
    member@demo.test, member2@demo.test   members of team Sunrise
    member3@demo.test                     member of team Harbor
    guide@demo.test, guide.b@demo.test    care guides, Sunrise
    nurse@demo.test                       nurse, Sunrise
    guide2@demo.test, nurse2@demo.test    care guide and nurse, Harbor
    doctor@demo.test                      physician, Virtual Primary Care
    doctor2@demo.test                     physician, Riverside Health Center
    admin@demo.test                       administrator
    compliance@demo.test                  compliance

  Data lives in .data/ (delete it for a fresh start). Ctrl+C stops.
`);
  },
  (error) => {
    console.error(error.message);
    server.kill("SIGTERM");
    process.exit(1);
  },
);
