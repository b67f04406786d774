// The attack of issue 9 item 8, replayed on real PostgreSQL: someone who holds the database
// (a superuser, or the tables' owner) switches the append-only triggers off, changes one
// audit row and recomputes every later seal so the chain "checks" again. Verification must
// still report it — at the changed row — because seals are keyed (HMAC with a key the database
// never holds) and the chain head is anchored outside the database (docs/audit.md).
//
// Each test gets a scratch database of its own (migrated by the app's runner, nothing seeded)
// so it can wreck the chain freely without touching the database the other test files share.
import { createHmac, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import pg from "pg";
import S3rver from "s3rver";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createS3AnchorStore } from "../../audit-seal/s3-anchor-store";
import { s3ClientConfig } from "../../storage/s3-storage";
import { applyMigrations } from "../../db/migrate";
import { postgresExecutor } from "../../db/sql-executor";
import { canonicalAuditRow, chainHash, type SealableAuditRow } from "./audit-chain-hash";

const serverUrl = inject("serverUrl");
type Scratch = { url: string; name: string; su: pg.Client; app: Awaited<ReturnType<typeof appModules>> };
let scratch: Scratch | null = null;

async function appModules() {
  return {
    client: await import("../../db/client"),
    recordAudit: (await import("./record-audit")).recordAudit,
    sealAuditLog: (await import("./seal-audit-log")).sealAuditLog,
    walkAuditChain: (await import("./walk-audit-chain")).walkAuditChain,
    startAnchors: (await import("./unsafe-start-audit-anchors")).unsafeStartAuditAnchors,
  };
}

async function openScratch(env: Record<string, string> = {}): Promise<Scratch> {
  const name = `concierge_test_${randomBytes(5).toString("hex")}_chain`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const executor = postgresExecutor(url);
  await applyMigrations(executor, path.resolve("prisma/migrations"));
  await executor.close();
  // The app, as this test's modules see it, now talks to the scratch database.
  vi.resetModules();
  vi.stubEnv("DATABASE_URL", url);
  // An anchor store of this database's own (anchors name seqs of one chain).
  vi.stubEnv("AUDIT_ANCHOR_FILE", path.join(mkdtempSync(path.join(tmpdir(), "concierge-anchors-")), "audit-anchors.log"));
  for (const [variable, value] of Object.entries(env)) vi.stubEnv(variable, value);
  const app = await appModules();
  const su = new pg.Client({ connectionString: url });
  await su.connect();
  scratch = { url, name, su, app };
  return scratch;
}

afterEach(async () => {
  if (!scratch) return;
  const { name, su, app } = scratch;
  scratch = null;
  await app.client.closeDb();
  await su.end();
  vi.unstubAllEnvs();
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

/** Ten audit rows, sealed in batches of four (so there are several anchored batch heads). */
async function sealedChain(s: Scratch) {
  const db = await s.app.client.getDb();
  for (let i = 0; i < 10; i++) await s.app.recordAudit(db, null, { action: "test.chain", recordType: "thread", recordId: `r${i}` });
  expect(await s.app.sealAuditLog({ batchSize: 4 })).toMatchObject({ sealed: 10, drained: true });
  const seals = await db.auditSeal.findMany({ orderBy: { seq: "asc" } });
  expect(seals).toHaveLength(10);
  return seals;
}

type Rehash = (prevHash: string, row: SealableAuditRow, seq: bigint) => string;

/**
 * The attack: triggers and foreign keys off for this transaction only (replica mode, what a
 * superuser can do), one row changed, every seal from it on recomputed with `rehash`.
 */
async function rewriteChainFrom(s: Scratch, fromSeq: bigint, rehash: Rehash, sealVersion: number | null) {
  const db = await s.app.client.getDb();
  const seals = await db.auditSeal.findMany({ where: { seq: { gte: fromSeq } }, orderBy: { seq: "asc" } });
  const { rows: versionColumn } = await s.su.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'audit_seals' AND column_name = 'version'`);
  await s.su.query("BEGIN");
  await s.su.query("SET LOCAL session_replication_role = replica");
  await s.su.query("UPDATE audit_log SET record_id = 'someone-else' WHERE id = $1", [seals[0]!.auditId.toString()]);
  let prev = seals[0]!.prevHash;
  for (const seal of seals) {
    const { rows } = await s.su.query("SELECT * FROM audit_log WHERE id = $1", [seal.auditId.toString()]);
    const hash = rehash(prev, toSealable(rows[0]), seal.seq);
    await s.su.query("UPDATE audit_seals SET prev_hash = $2, hash = $3 WHERE seq = $1", [seal.seq.toString(), prev, hash]);
    // The attacker also marks the seals as whatever format they recomputed them in.
    if (versionColumn.length > 0 && sealVersion !== null) await s.su.query("UPDATE audit_seals SET version = $2 WHERE seq = $1", [seal.seq.toString(), sealVersion]);
    prev = hash;
  }
  await s.su.query("COMMIT");
}

function toSealable(r: Record<string, unknown>): SealableAuditRow {
  return {
    id: BigInt(r.id as string),
    occurredAt: r.occurred_at as Date,
    actorId: r.actor_id as string | null,
    actorRole: r.actor_role as string | null,
    action: r.action as string,
    outcome: r.outcome as string,
    memberId: r.member_id as string | null,
    recordType: r.record_type as string | null,
    recordId: r.record_id as string | null,
    ip: r.ip as string | null,
    userAgent: r.user_agent as string | null,
    reason: r.reason as string | null,
    details: r.details,
  };
}

/** The keyed format (audit-chain-hash.ts, version 2) with a key the attacker guessed. */
function guessedKeyRehash(): Rehash {
  const guessed = randomBytes(32);
  return (prev, row, seq) => createHmac("sha256", guessed).update(`concierge-audit-seal-v2\n${seq}\n${prev}\n${canonicalAuditRow(row)}`, "utf8").digest("hex");
}

describe("a chain rewritten by someone who holds the database", () => {
  it("verifies an honest chain as intact", async () => {
    const s = await openScratch();
    const seals = await sealedChain(s);
    const result = await s.app.walkAuditChain(await s.app.client.getDb());
    expect(result).toMatchObject({ ok: true, firstBroken: null, sealed: 10, unsealed: 0 });
    expect(result.head).toEqual({ seq: "10", hash: seals[9]!.hash });
  });

  it("reports a row changed and every later seal recomputed with the old unkeyed SHA-256, at that row", async () => {
    const s = await openScratch();
    const seals = await sealedChain(s);
    const target = seals[4]!;
    await rewriteChainFrom(s, target.seq, chainHash, 1);
    const result = await s.app.walkAuditChain(await s.app.client.getDb());
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toEqual({ seq: target.seq.toString(), auditId: target.auditId.toString(), problem: "unkeyed_seal" });
  });

  it("reports a row changed and every later seal recomputed with a guessed key, at that row", async () => {
    const s = await openScratch();
    const seals = await sealedChain(s);
    const target = seals[4]!;
    await rewriteChainFrom(s, target.seq, guessedKeyRehash(), 2);
    const result = await s.app.walkAuditChain(await s.app.client.getDb());
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ seq: target.seq.toString(), auditId: target.auditId.toString(), problem: "hash_mismatch" });
  });

  it("reports a deleted tail (the newest rows and their seals) against the anchors", async () => {
    const s = await openScratch();
    await sealedChain(s);
    await s.su.query("BEGIN");
    await s.su.query("SET LOCAL session_replication_role = replica");
    await s.su.query("DELETE FROM audit_log WHERE id IN (SELECT audit_id FROM audit_seals WHERE seq > 6)");
    await s.su.query("DELETE FROM audit_seals WHERE seq > 6");
    await s.su.query("COMMIT");
    const result = await s.app.walkAuditChain(await s.app.client.getDb());
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ seq: "7", auditId: null, problem: "truncated" });
  });

  it("reports a history re-sealed by the app's own sealer after a row was changed (seals deleted, sealer ran again)", async () => {
    const s = await openScratch();
    const seals = await sealedChain(s);
    const target = seals[2]!;
    await s.su.query("BEGIN");
    await s.su.query("SET LOCAL session_replication_role = replica");
    await s.su.query("UPDATE audit_log SET record_id = 'someone-else' WHERE id = $1", [target.auditId.toString()]);
    await s.su.query("DELETE FROM audit_seals WHERE seq >= $1", [target.seq.toString()]);
    await s.su.query("COMMIT");
    // The sealer, honest and holding the key, links the "unsealed" rows again.
    await s.app.sealAuditLog();
    const result = await s.app.walkAuditChain(await s.app.client.getDb());
    expect(result.ok).toBe(false);
    // The first anchored batch head at or after the change no longer matches (batches of 4: seq 4).
    expect(result.firstBroken).toMatchObject({ seq: "4", problem: "anchor_mismatch" });
  });

  it("keeps the anchors out of the database, one line per batch, each with its own MAC", async () => {
    const s = await openScratch();
    await sealedChain(s);
    const lines = readFileSync(process.env.AUDIT_ANCHOR_FILE!, "utf8").trim().split("\n");
    expect(lines).toHaveLength(3); // batches of 4, 4 and 2
    const last = JSON.parse(lines[2]!) as Record<string, unknown>;
    expect(last).toMatchObject({ seq: "10", head: expect.stringMatching(/^[0-9a-f]{64}$/), mac: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const { rows } = await s.su.query("SELECT count(*)::int AS n FROM pg_tables WHERE tablename ILIKE '%anchor%'");
    expect(rows[0]).toEqual({ n: 0 });
  });
});

describe("seals written before keyed sealing (the upgrade)", () => {
  /** Five rows sealed the old way (version 1, unkeyed), as the migration leaves them; then three sealed by the app. */
  async function upgradedChain(s: Scratch) {
    const db = await s.app.client.getDb();
    for (let i = 0; i < 5; i++) await s.app.recordAudit(db, null, { action: "test.legacy", recordId: `old${i}` });
    let prev = "0".repeat(64);
    const { rows } = await s.su.query("SELECT * FROM audit_log ORDER BY id");
    for (const [i, row] of rows.entries()) {
      const hash = chainHash(prev, toSealable(row));
      await s.su.query("INSERT INTO audit_seals (seq, audit_id, prev_hash, hash, version) VALUES ($1, $2, $3, $4, 1)", [i + 1, row.id, prev, hash]);
      prev = hash;
    }
    for (let i = 0; i < 3; i++) await s.app.recordAudit(db, null, { action: "test.upgraded", recordId: `new${i}` });
    // Nothing anchored yet and only unkeyed seals: the sealer will not guess where keyed
    // sealing starts from the database; the operator starts the anchors once (they vouch for
    // the unkeyed history as it is now).
    expect(await s.app.sealAuditLog()).toMatchObject({ sealed: 0, blocked: "anchors_missing" });
    expect(await s.app.startAnchors(db)).toMatchObject({ started: true, keyedFrom: "6" });
    // The three rows and the start's own audit row.
    expect(await s.app.sealAuditLog()).toMatchObject({ sealed: 4 });
  }

  it("keeps the old seals verifiable, reported as unkeyed, with keyed seals continuing the same chain", async () => {
    const s = await openScratch();
    await upgradedChain(s);
    const db = await s.app.client.getDb();
    expect((await db.auditSeal.findMany({ orderBy: { seq: "asc" } })).map((x) => x.version)).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2]);
    const result = await s.app.walkAuditChain(db);
    expect(result).toMatchObject({ ok: true, sealed: 9, unkeyed: 5, firstBroken: null, anchors: { store: "file", count: 2, latestSeq: "9" } });
  });

  it("reports an old row rewritten with the whole chain recomputed unkeyed, at the first keyed seal", async () => {
    const s = await openScratch();
    await upgradedChain(s);
    await rewriteChainFrom(s, 2n, chainHash, 1);
    const result = await s.app.walkAuditChain(await s.app.client.getDb());
    // The operator's start anchored the unkeyed head (seq 5): the rewrite no longer matches it
    // (and the anchors say keyed sealing began at seq 6: an unkeyed seal there is a forgery).
    expect(result.firstBroken).toMatchObject({ seq: "5", problem: "anchor_mismatch" });
  });
});

describe("anchors lost (review finding 2): the whole chain recomputed unkeyed", () => {
  /** The anchor store emptied (lost, or removed by whoever also holds the database). */
  function loseAnchors() {
    writeFileSync(process.env.AUDIT_ANCHOR_FILE!, "");
  }

  it("is not intact: anchors_missing, whatever the seals say", async () => {
    const s = await openScratch();
    await sealedChain(s);
    loseAnchors();
    await rewriteChainFrom(s, 1n, chainHash, 1);
    const result = await s.app.walkAuditChain(await s.app.client.getDb());
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toEqual({ seq: null, auditId: null, problem: "anchors_missing" });
  });

  it("stays broken after the next sealing pass: the sealer does not take keyed sealing's start from the database", async () => {
    const s = await openScratch();
    await sealedChain(s);
    loseAnchors();
    await rewriteChainFrom(s, 1n, chainHash, 1);
    // The app restarts (nothing remembered in memory from before the anchors were lost).
    await s.app.client.closeDb();
    vi.resetModules();
    s.app = await appModules();
    const db = await s.app.client.getDb();
    await s.app.recordAudit(db, null, { action: "test.after", recordId: "after" });
    const pass = await s.app.sealAuditLog();
    expect(pass).toMatchObject({ sealed: 0, blocked: "anchors_missing" });
    const result = await s.app.walkAuditChain(db);
    expect(result.ok).toBe(false);
    expect(result.firstBroken?.problem).toBe("anchors_missing");
  });

  it("a new database with no seals yet is intact, and its first pass anchors keyed sealing from seq 1", async () => {
    const s = await openScratch();
    const db = await s.app.client.getDb();
    expect(await s.app.walkAuditChain(db)).toMatchObject({ ok: true, sealed: 0 });
    await sealedChain(s);
    const first = JSON.parse(readFileSync(process.env.AUDIT_ANCHOR_FILE!, "utf8").split("\n")[0]!) as { keyedFrom: string };
    expect(first.keyedFrom).toBe("1");
    expect(await s.app.walkAuditChain(db)).toMatchObject({ ok: true, sealed: 10 });
  });

  it("a keyed chain whose anchors were lost gets anchored again by the next pass (it cannot be passed off as unkeyed)", async () => {
    const s = await openScratch();
    await sealedChain(s);
    loseAnchors();
    const db = await s.app.client.getDb();
    expect((await s.app.walkAuditChain(db)).firstBroken?.problem).toBe("anchors_missing");
    await s.app.recordAudit(db, null, { action: "test.after", recordId: "after" });
    expect(await s.app.sealAuditLog()).toMatchObject({ sealed: 1 });
    expect(await s.app.walkAuditChain(db)).toMatchObject({ ok: true, sealed: 11, unkeyed: 0 });
  });
});

describe("sealing held off (review finding 10)", () => {
  it("someone holding the sealer's lock keeps rows unsealed: once they are old, verification is not intact", async () => {
    const s = await openScratch();
    await sealedChain(s);
    const db = await s.app.client.getDb();
    // The attacker's session takes the sealer's advisory lock and keeps it.
    await s.su.query("SELECT pg_advisory_lock(418581342580)");
    for (let i = 0; i < 2; i++) await s.app.recordAudit(db, null, { action: "test.held", recordId: `held${i}` });
    expect(await s.app.sealAuditLog()).toMatchObject({ sealed: 0, busy: true });
    // Fresh unsealed rows are normal (the sealer runs every few seconds).
    expect(await s.app.walkAuditChain(db)).toMatchObject({ ok: true, unsealed: 2, staleUnsealed: 0 });
    // Time passes (the rows are made 40 minutes old; triggers off for the change).
    await s.su.query("BEGIN");
    await s.su.query("SET LOCAL session_replication_role = replica");
    await s.su.query("UPDATE audit_log SET occurred_at = now() - interval '40 minutes' WHERE action = 'test.held'");
    await s.su.query("COMMIT");
    const result = await s.app.walkAuditChain(db);
    expect(result).toMatchObject({ ok: false, unsealed: 2, staleUnsealed: 2, head: { seq: "10" } });
    expect(result.firstBroken).toMatchObject({ seq: null, problem: "stale_unsealed" });
    await s.su.query("SELECT pg_advisory_unlock(418581342580)");
    expect(await s.app.sealAuditLog()).toMatchObject({ sealed: 2 });
    expect(await s.app.walkAuditChain(db)).toMatchObject({ ok: true, unsealed: 0, staleUnsealed: 0 });
  });
});

describe("anchors that do not check", () => {
  it("reports an anchor edited on the app host (no key, so no valid MAC)", async () => {
    const s = await openScratch();
    const seals = await sealedChain(s);
    const file = process.env.AUDIT_ANCHOR_FILE!;
    const lines = readFileSync(file, "utf8").trim().split("\n");
    const last = JSON.parse(lines[2]!) as Record<string, string>;
    lines[2] = JSON.stringify({ ...last, head: "0".repeat(64) });
    writeFileSync(file, `${lines.join("\n")}\n`);
    const result = await s.app.walkAuditChain(await s.app.client.getDb());
    expect(result.firstBroken).toEqual({ seq: "10", auditId: null, problem: "anchor_invalid" });
    expect(seals[9]!.seq).toBe(10n);
  });
});

describe("anchors in S3 (s3rver; it does not enforce object lock)", () => {
  const bucket = "concierge-anchors";
  let server: S3rver;
  let directory: string;
  let endpoint: string;
  beforeAll(async () => {
    directory = mkdtempSync(path.join(tmpdir(), "concierge-anchor-s3-"));
    server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
    const { port } = await server.run();
    endpoint = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await server?.close();
    rmSync(directory, { recursive: true, force: true });
  });
  const s3Env = () => ({
    AUDIT_ANCHOR_DRIVER: "s3",
    AUDIT_ANCHOR_S3_BUCKET: bucket,
    AUDIT_ANCHOR_S3_PREFIX: `chain-${randomBytes(4).toString("hex")}/`,
    AUDIT_ANCHOR_S3_RETENTION_DAYS: "30",
    S3_ENDPOINT: endpoint,
    S3_FORCE_PATH_STYLE: "1",
    S3_ACCESS_KEY_ID: "S3RVER",
    S3_SECRET_ACCESS_KEY: "S3RVER",
  });

  it("writes one object per batch and reports a deleted tail against them", async () => {
    const s = await openScratch(s3Env());
    await sealedChain(s);
    const db = await s.app.client.getDb();
    expect(await s.app.walkAuditChain(db)).toMatchObject({ ok: true, anchors: { store: "s3", count: 3, latestSeq: "10" } });
    await s.su.query("BEGIN");
    await s.su.query("SET LOCAL session_replication_role = replica");
    await s.su.query("DELETE FROM audit_log WHERE id IN (SELECT audit_id FROM audit_seals WHERE seq > 8)");
    await s.su.query("DELETE FROM audit_seals WHERE seq > 8");
    await s.su.query("COMMIT");
    expect((await s.app.walkAuditChain(db)).firstBroken).toEqual({ seq: "9", auditId: null, problem: "truncated" });
  });

  it("sends object-lock retention and Content-MD5 with every anchor", async () => {
    const env = s3Env();
    const client = new S3Client(s3ClientConfig({ bucket, region: "us-east-1", endpoint, forcePathStyle: true, accessKeyId: "S3RVER", secretAccessKey: "S3RVER", sse: "none" }));
    const sent: Record<string, string>[] = [];
    client.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { headers?: Record<string, string> };
        if (request.headers) sent.push({ ...request.headers });
        return next(args);
      },
      { step: "finalizeRequest", name: "captureHeaders" },
    );
    const store = createS3AnchorStore({ bucket, prefix: env.AUDIT_ANCHOR_S3_PREFIX, retentionDays: 30, lockMode: "COMPLIANCE", s3: { bucket, region: "us-east-1", forcePathStyle: true, sse: "none" } }, client);
    await store.append('{"v":1,"seq":"1"}');
    const put = sent.find((h) => h["x-amz-object-lock-mode"]);
    expect(put).toMatchObject({ "x-amz-object-lock-mode": "COMPLIANCE", "content-md5": expect.any(String) });
    const until = Date.parse(put!["x-amz-object-lock-retain-until-date"]!);
    expect(until - Date.now()).toBeGreaterThan(29 * 24 * 3600 * 1000);
    expect(await store.readAll()).toEqual(['{"v":1,"seq":"1"}']);
  });
});

describe("an anchor write that fails", () => {
  it("keeps the seals, and anchors the head at the next pass even with nothing new to seal", async () => {
    const s = await openScratch();
    const file = process.env.AUDIT_ANCHOR_FILE!;
    mkdirSync(file); // the anchor file's name taken by a directory: every append fails (EISDIR)
    const db = await s.app.client.getDb();
    for (let i = 0; i < 3; i++) await s.app.recordAudit(db, null, { action: "test.anchor.fail" });
    expect(await s.app.sealAuditLog()).toMatchObject({ sealed: 3, drained: true });
    expect(await db.auditSeal.count()).toBe(3);

    rmSync(file, { recursive: true });
    expect(await s.app.sealAuditLog()).toMatchObject({ sealed: 0 });
    const lines = readFileSync(file, "utf8").trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ seq: "3", keyedFrom: "1" });
    expect(await s.app.walkAuditChain(db)).toMatchObject({ ok: true, anchors: { count: 1, latestSeq: "3" } });
  });
});
