import { z } from "zod";

/**
 * The only reader of process.env (DESIGN.md §6). Parsed once, at first use; a bad value
 * fails start-up with a message naming the variable. Every variable is documented in
 * README.md ("Configuration").
 */

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes");

const minutes = (fallback: number) => z.coerce.number().int().min(1).max(24 * 60).default(fallback);

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** postgres://… selects PostgreSQL; unset selects embedded PGlite under DATA_DIR. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
      .optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    /**
     * The few raw statements every request runs (actor load, audit row…) are named prepared
     * statements on PostgreSQL: parsed and planned once per connection (lib/db/client.ts).
     * Off only behind a pooler that cannot keep them (PgBouncer in transaction mode before
     * 1.21 or without max_prepared_statements). docs/performance.md, "CPU per request".
     */
    DATABASE_PREPARED_STATEMENTS: flag.default(true),
    /**
     * The migration role's connection (owner of the tables): used by `npm run db:migrate` and by
     * MIGRATE_ON_START. Unset → DATABASE_URL migrates too (warned in production). docs/database.md.
     */
    DATABASE_MIGRATION_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
      .optional(),
    /** Where embedded data (PGlite, local documents, demo secrets) lives. */
    DATA_DIR: z.string().min(1).default(".data"),
    /** Apply pending migrations when the server starts. */
    MIGRATE_ON_START: flag.default(true),
    /** Demo mode: seeds demo data on an empty database and generates missing secrets. */
    DEMO_MODE: flag,
    /** Signs session cookies. Required outside demo and test. At least 32 characters. */
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    /** The address browsers use to reach the app, e.g. https://concierge.example.org. */
    AUTH_URL: z.url().optional(),
    /** Sign out after this much inactivity. */
    SESSION_IDLE_MINUTES_STAFF: minutes(15),
    SESSION_IDLE_MINUTES_MEMBER: minutes(30),
    /** Absolute session lifetime, whatever the activity. */
    SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
    /** Failed sign-ins allowed per account, and per client address, in the window below. */
    SIGNIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
    SIGNIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
    SIGNIN_FAILURE_WINDOW_MINUTES: minutes(15),
    /**
     * Staff (every role but MEMBER) must set up two-step sign-in (TOTP) before doing anything
     * else. Unset → on in production outside demo mode, off otherwise (see the transform below).
     */
    REQUIRE_STAFF_MFA: z
      .enum(["1", "0", "true", "false", "yes", "no", ""])
      .optional()
      .transform((v) => (v === undefined || v === "" ? undefined : v === "1" || v === "true" || v === "yes")),
    /**
     * Key that seals TOTP secrets at rest (AES-256-GCM): base64 of 32 random bytes. Unset →
     * generated once into DATA_DIR/mfa-key in demo mode or outside production; in production
     * outside demo mode two-step sign-in refuses to work without it (lib/auth/mfa-key.ts).
     */
    MFA_ENCRYPTION_KEY: z
      .string()
      .regex(/^\s*[A-Za-z0-9+/_-]{43}=?\s*$/, "must be the base64 of 32 random bytes (openssl rand -base64 32)")
      .optional(),
    /**
     * Key of the audit chain's seals and anchors (HMAC-SHA-256): base64 of 32 random bytes, kept
     * out of the database. Unset → generated once into DATA_DIR/audit-seal-key in demo mode or
     * outside production; in production outside demo mode sealing and verification refuse to
     * run without it (lib/audit-seal/seal-key.ts, docs/audit.md).
     */
    AUDIT_SEAL_KEY: z
      .string()
      .regex(/^\s*[A-Za-z0-9+/_-]{43}=?\s*$/, "must be the base64 of 32 random bytes (openssl rand -base64 32)")
      .optional(),
    /** Where the audit chain's head is anchored outside the database: `file` (append-only, default) or `s3`. */
    AUDIT_ANCHOR_DRIVER: z.enum(["file", "s3"]).default("file"),
    /** The append-only anchor file (driver `file`), one per database; default DATA_DIR/audit-anchors.<database>.log (embedded: audit-anchors.log). */
    AUDIT_ANCHOR_FILE: z.string().min(1).optional(),
    /** Driver `s3`: the bucket (ideally with object lock), the key prefix, and the retention to request. */
    AUDIT_ANCHOR_S3_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name (3–63 lower-case letters, digits, dots, hyphens)")
      .optional(),
    AUDIT_ANCHOR_S3_PREFIX: z.string().regex(/^[A-Za-z0-9!_.*'()/-]{0,200}$/, "must be a plain S3 key prefix").default("audit-anchors/"),
    /** Days each anchor object is locked for (x-amz-object-lock-retain-until-date); unset → no retention header. */
    AUDIT_ANCHOR_S3_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).optional(),
    AUDIT_ANCHOR_S3_LOCK_MODE: z.enum(["COMPLIANCE", "GOVERNANCE"]).default("COMPLIANCE"),
    /** How long one emergency ("break-the-glass") access lasts. Short on purpose: docs/emergency-access.md. */
    EMERGENCY_ACCESS_MINUTES: z.coerce.number().int().min(5).max(240).default(30),
    /** ClamAV daemon: a unix socket path, or host and port. */
    CLAMD_SOCKET: z.string().optional(),
    CLAMD_HOST: z.string().optional(),
    CLAMD_PORT: z.coerce.number().int().min(1).max(65535).default(3310),
    /** Used only when no daemon is configured or found: the clamscan program, and its database directory. */
    CLAMSCAN_PATH: z.string().min(1).optional(),
    CLAMAV_DATABASE_DIR: z.string().min(1).optional(),
    /** The qpdf program that reads uploaded PDFs (docs/attachments.md); unset → /usr/bin/qpdf or /usr/local/bin/qpdf if installed. */
    QPDF_PATH: z.string().regex(/^\//, "must be the absolute path of the qpdf program, e.g. /usr/bin/qpdf").optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Document storage: `local` (DATA_DIR/documents, encrypted at rest) or `s3`. docs/storage.md. */
    STORAGE_DRIVER: z.enum(["local", "s3"]).default("local"),
    /** Key of the local driver's encryption at rest: base64 of 32 random bytes. */
    STORAGE_ENCRYPTION_KEY: z
      .string()
      .regex(/^\s*[A-Za-z0-9+/_-]{43}=?\s*$/, "must be the base64 of 32 random bytes (openssl rand -base64 32)")
      .optional(),
    S3_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name (3–63 lower-case letters, digits, dots, hyphens)")
      .optional(),
    S3_REGION: z.string().min(1).default("us-east-1"),
    /** Unset for AWS; the address of any other S3-compatible server, e.g. http://minio:9000. */
    S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    S3_FORCE_PATH_STYLE: flag,
    /** Both or neither; neither → the AWS SDK's default credential chain. */
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    /** Server-side encryption requested on every write; `none` for servers without it. */
    S3_SSE: z.enum(["AES256", "aws:kms", "none"]).default("AES256"),
    /** Largest upload in bytes (default 20 MB). Must stay below the scanner's 25 MiB stream limit. */
    ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(25 * 1024 * 1024 - 1).default(20 * 1000 * 1000),
    /** Attachments one message may carry. */
    ATTACHMENT_MAX_PER_MESSAGE: z.coerce.number().int().min(1).max(50).default(10),
    /** Background jobs (attachment scan retries, …) run in every app instance unless this is `0`. */
    JOB_WORKER: z
      .enum(["1", "0", "true", "false", "yes", "no", ""])
      .optional()
      .transform((v) => v !== "0" && v !== "false" && v !== "no"),
    /** Outgoing mail (alerts away from the app, docs/notifications.md): smtp://user:pass@host:port or smtps://…; unset → emails are skipped and logged. */
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    /** The From address of alert emails. */
    MAIL_FROM: z.string().trim().min(3).default("Concierge <no-reply@concierge.invalid>"),
    /** The address links in emails point to (sign-in required); defaults to AUTH_URL. */
    APP_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** A member who has not read a care-team reply within this many seconds gets one email for it (docs/notifications.md). */
    MEMBER_EMAIL_DELAY_SECONDS: z.coerce.number().int().min(0).max(24 * 3600).default(120),
    /** How often the response-target (SLA) sweep looks for breaches (docs/sla.md). */
    SLA_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    /** Open event streams per user per app instance; the oldest is closed when one more opens (docs/realtime.md). */
    EVENT_STREAMS_PER_USER: z.coerce.number().int().min(1).max(100).default(10),
    /** Bytes queued for one event stream before its client counts as stuck and is dropped (it resumes with Last-Event-ID). */
    EVENT_STREAM_BUFFER_BYTES: z.coerce.number().int().min(16 * 1024).max(64 * 1024 * 1024).default(1024 * 1024),
    /** How long the deep health check (database, storage, scanner) is reused by /api/health and /api/health/ready. */
    HEALTH_CACHE_SECONDS: z.coerce.number().int().min(1).max(300).default(5),
    /**
     * Messages (and new threads) one person may send per minute (lib/domain/messages/admit-send.ts).
     * 60 suits people; only a benchmark raises it (npm run bench:http), production keeps the default.
     */
    SEND_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(60),
    /** Benchmark only: GET /api/bench/bare answers a constant JSON body (the baseline of npm run bench:http); otherwise 404. */
    BENCH_BARE_ROUTE: flag,
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.DEMO_MODE) {
      if (!env.AUTH_SECRET) ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required in production (outside demo mode)" });
      if (!env.AUTH_URL) ctx.addIssue({ code: "custom", path: ["AUTH_URL"], message: "is required in production (outside demo mode)" });
      if (env.STORAGE_DRIVER === "local" && !env.STORAGE_ENCRYPTION_KEY) {
        ctx.addIssue({ code: "custom", path: ["STORAGE_ENCRYPTION_KEY"], message: "is required in production (outside demo mode) with STORAGE_DRIVER=local" });
      }
    }
    if (env.AUDIT_ANCHOR_DRIVER === "s3" && !env.AUDIT_ANCHOR_S3_BUCKET) {
      ctx.addIssue({ code: "custom", path: ["AUDIT_ANCHOR_S3_BUCKET"], message: "is required when AUDIT_ANCHOR_DRIVER=s3" });
    }
    if (env.STORAGE_DRIVER === "s3" && !env.S3_BUCKET) {
      ctx.addIssue({ code: "custom", path: ["S3_BUCKET"], message: "is required when STORAGE_DRIVER=s3" });
    }
    if (!env.S3_ACCESS_KEY_ID !== !env.S3_SECRET_ACCESS_KEY) {
      const missing = env.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID";
      ctx.addIssue({ code: "custom", path: [missing], message: "is required when the other S3 access key variable is set (or unset both for the default credential chain)" });
    }
  });

// The computed default of REQUIRE_STAFF_MFA: on in production outside demo mode.
const envWithDefaults = envSchema.transform((env) => ({
  ...env,
  REQUIRE_STAFF_MFA: env.REQUIRE_STAFF_MFA ?? (env.NODE_ENV === "production" && !env.DEMO_MODE),
}));

export type Env = z.output<typeof envWithDefaults>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = envWithDefaults.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  cached = parsed.data;
  // next-auth v4 reads NEXTAUTH_URL itself for its redirects; keep it equal to AUTH_URL so
  // there is one setting to get right.
  if (cached.AUTH_URL && !process.env.NEXTAUTH_URL) process.env.NEXTAUTH_URL = cached.AUTH_URL;
  return cached;
}
