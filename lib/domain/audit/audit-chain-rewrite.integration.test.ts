// The attack of issue 9 item 8, replayed on real PostgreSQL: someone who holds the database
// (a superuser, or the tables' owner) switches the append-only triggers off, changes one
// audit row and recomputes every later seal so the chain "checks" again. Verification must
// still report it — at the changed row — because seals are keyed (HMAC with a key the database
// never holds) and the chain head is anchored outside the database (docs/audit.md).
//
// Each test gets a scratch database of its own (migrated by the app's runner, nothing seeded)
// so it can wreck the chain freely without touching the database the other test files share.
import { createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, inject, it, vi } from "vitest";
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
  };
}

async function openScratch(): Promise<Scratch> {
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
