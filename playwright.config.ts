/**
 * End-to-end tests in Debian's Chromium against a production build (`next build` first;
 * scripts/test.sh does it). Two servers:
 *  - port 3100: PostgreSQL (E2E_DATABASE_URL, a database created for this run) with demo data,
 *    documents in S3 (s3rver on port 3190, the real S3 driver);
 *  - port 3101: the embedded defaults (PGlite in a fresh data directory), as `npm run demo` runs;
 *  - port 3102: a SECOND instance on the same PostgreSQL and S3 as 3100 (realtime across
 *    instances, e2e/realtime/two-instances.spec.ts).
 */
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { e2eS3Settings } from "./e2e/support/s3-settings";
import { e2eAlertEnv, e2eSmtp } from "./e2e/support/smtp-settings";

const databaseUrl = process.env.E2E_DATABASE_URL;
if (!databaseUrl) throw new Error("E2E_DATABASE_URL is required (scripts/test.sh creates the database)");

const embeddedDataDir = process.env.E2E_EMBEDDED_DATA_DIR ?? path.resolve(".test-data", `embedded-${Date.now()}`);

const e2eS3 = e2eS3Settings(embeddedDataDir);
const accessChangingSpecs = /(collaboration|emergency)\/.*\.spec\.ts/;
const chromiumFlags = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

// The parent's DATABASE_URL never leaks into a server: each one gets its own or none.
const { DATABASE_URL: _ignored, ...inherited } = process.env;

const serverEnv = (port: number, extra: Record<string, string>) => ({
  ...(inherited as Record<string, string>),
  NODE_ENV: "production",
  PORT: String(port),
  AUTH_URL: `http://127.0.0.1:${port}`,
  NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
  DEMO_MODE: "1",
  LOG_LEVEL: "warn",
  NEXT_TELEMETRY_DISABLED: "1",
  ...extra,
});

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  // Generous: several specs sign in as three or four people in turn on a 2-core machine.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: "http://127.0.0.1:3100",
    trace: "retain-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumFlags },
  },
  projects: [
    { name: "postgres", testIgnore: [/embedded\//, accessChangingSpecs] },
    // Specs that widen a demo user's access for a while (a collaboration, an emergency access)
    // run after the rest, so isolation specs never see that borrowed access.
    { name: "postgres-access-changes", testMatch: accessChangingSpecs, dependencies: ["postgres"] },
    { name: "embedded", testMatch: /embedded\/.*\.spec\.ts/, use: { baseURL: "http://127.0.0.1:3101" } },
  ],
  webServer: [
    {
      command: `node scripts/ci/s3-server.mjs ${e2eS3.port} ${e2eS3.directory} ${e2eS3.bucket}`,
      port: e2eS3.port,
      timeout: 30_000,
      reuseExistingServer: false,
    },
    {
      command: "node server.mjs",
      url: "http://127.0.0.1:3100/api/health",
      timeout: 120_000,
      reuseExistingServer: false,
      env: serverEnv(3100, {
        DATABASE_URL: databaseUrl,
        STORAGE_DRIVER: "s3",
        S3_ENDPOINT: e2eS3.endpoint,
        S3_BUCKET: e2eS3.bucket,
        S3_FORCE_PATH_STYLE: "1",
        S3_ACCESS_KEY_ID: e2eS3.accessKeyId,
        S3_SECRET_ACCESS_KEY: e2eS3.secretAccessKey,
        // Alert emails go to the local SMTP server below (e2e/alerts).
        ...e2eAlertEnv,
      }),
    },
    {
      command: "node server.mjs",
      url: "http://127.0.0.1:3102/api/health",
      timeout: 120_000,
      reuseExistingServer: false,
      // Started with 3100's database after it: that one applies the migrations and demo data.
      env: serverEnv(3102, {
        // Same alert settings as 3100: either instance may run the outbox pass and email jobs.
        ...e2eAlertEnv,
        DATABASE_URL: databaseUrl,
        STORAGE_DRIVER: "s3",
        S3_ENDPOINT: e2eS3.endpoint,
        S3_BUCKET: e2eS3.bucket,
        S3_FORCE_PATH_STYLE: "1",
        S3_ACCESS_KEY_ID: e2eS3.accessKeyId,
        S3_SECRET_ACCESS_KEY: e2eS3.secretAccessKey,
      }),
    },
    {
      command: "node server.mjs",
      url: "http://127.0.0.1:3101/api/health",
      timeout: 120_000,
      reuseExistingServer: false,
      env: serverEnv(3101, { DATA_DIR: embeddedDataDir }),
    },
    {
      // The local SMTP server of the alert specs (e2e/alerts), with its captured mail over HTTP.
      command: `node scripts/ci/smtp-server.mjs ${e2eSmtp.smtpPort} ${e2eSmtp.httpPort}`,
      url: `${e2eSmtp.httpUrl}/messages`,
      timeout: 30_000,
      reuseExistingServer: false,
    },
  ],
});
