import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { actorFor } from "../../../test/actors";
import { getDb } from "../../db/client";
import { getAuditSealKeys } from "../../audit-seal/seal-key";
import { GENESIS_HASH, keyedChainHash } from "./audit-chain-hash";
import { recordAudit } from "./record-audit";
import { sealAuditLog } from "./seal-audit-log";

// A second connection of the test's own: to hold the sealer's lock, or a transaction open.
const side = new pg.Client({ connectionString: inject("databaseUrl") });
beforeAll(() => side.connect());
afterAll(() => side.end());

async function writeRows(action: string, n: number): Promise<bigint[]> {
  const db = await getDb();
  const guide = await actorFor("guide@demo.test");
  for (let i = 0; i < n; i++) await recordAudit(db, guide, { action, recordType: "test", recordId: String(i) });
  const rows = await db.auditLog.findMany({ where: { action }, orderBy: { id: "asc" }, select: { id: true } });
  return rows.map((r) => r.id);
}

async function sealsOf(ids: bigint[]) {
  const db = await getDb();
  return db.auditSeal.findMany({ where: { auditId: { in: ids } }, orderBy: { seq: "asc" } });
}

describe("sealAuditLog", () => {
  it("seals every unsealed row in id order, each seal linked to the one before", async () => {
    const db = await getDb();
    await sealAuditLog(); // whatever earlier tests wrote
    const action = `test.seal.${Date.now()}`;
    const ids = await writeRows(action, 7);

    const result = await sealAuditLog({ batchSize: 3 });
    expect(result).toEqual({ sealed: 7, busy: false, drained: true });

    const seals = await sealsOf(ids);
    expect(seals.map((s) => s.auditId)).toEqual(ids);
    const before = await db.auditSeal.findUnique({ where: { seq: seals[0]!.seq - 1n } });
    let prev = before?.hash ?? GENESIS_HASH;
    for (const [i, seal] of seals.entries()) {
      if (i > 0) expect(seal.seq).toBe(seals[i - 1]!.seq + 1n);
      expect(seal.prevHash).toBe(prev);
      const row = await db.auditLog.findUniqueOrThrow({ where: { id: seal.auditId } });
      // Keyed (version 2): the HMAC under the run's AUDIT_SEAL_KEY, seq included.
      expect(seal.version).toBe(2);
      expect(seal.hash).toBe(keyedChainHash(getAuditSealKeys().seal, seal.seq, prev, row));
      prev = seal.hash;
    }
    // Nothing left, nothing sealed twice.
    expect(await sealAuditLog()).toEqual({ sealed: 0, busy: false, drained: true });
    expect(await db.auditSeal.count({ where: { auditId: { in: ids } } })).toBe(7);
  });

  it("steps aside while another instance holds the lock, and continues after", async () => {
    const ids = await writeRows(`test.seal.lock.${Date.now()}`, 2);
    await side.query("BEGIN");
    await side.query("SELECT pg_advisory_xact_lock(418581342580)");
    try {
      expect(await sealAuditLog()).toEqual({ sealed: 0, busy: true, drained: false });
      expect(await sealsOf(ids)).toHaveLength(0);
    } finally {
      await side.query("COMMIT");
    }
    expect((await sealAuditLog()).sealed).toBeGreaterThanOrEqual(2);
    expect(await sealsOf(ids)).toHaveLength(2);
  });

  it("never forks the chain when two sealers run at once", async () => {
    const db = await getDb();
    const ids = await writeRows(`test.seal.race.${Date.now()}`, 40);
    const results = await Promise.all([sealAuditLog({ batchSize: 5 }), sealAuditLog({ batchSize: 5 }), sealAuditLog({ batchSize: 5 })]);
    // A sealer that found the lock taken stops; whatever is left, a later pass takes.
    await sealAuditLog();
    expect(results.reduce((n, r) => n + r.sealed, 0)).toBeLessThanOrEqual(40);
    const seals = await sealsOf(ids);
    expect(seals).toHaveLength(40);
    // One chain: no two seals share a predecessor, and seq runs 1…n without holes.
    const [shape] = await db.$queryRaw<{ forks: number; seals: number; top: number }[]>`
      SELECT (SELECT count(*)::int FROM (SELECT prev_hash FROM audit_seals GROUP BY prev_hash HAVING count(*) > 1) f) AS forks,
             count(*)::int AS seals, max(seq)::int AS top FROM audit_seals`;
    expect(shape).toMatchObject({ forks: 0 });
    expect(shape!.top).toBe(shape!.seals);
  });

  it("seals a row that commits late (lower id) in a later batch, after higher ids", async () => {
    const db = await getDb();
    await sealAuditLog();
    await side.query("BEGIN");
    let lateId: bigint;
    let laterId: bigint;
    try {
      const { rows } = await side.query<{ id: string }>(`INSERT INTO audit_log (action, record_type) VALUES ('test.seal.late', 'test') RETURNING id::text AS id`);
      lateId = BigInt(rows[0]!.id);
      [laterId] = await writeRows(`test.seal.later.${Date.now()}`, 1) as [bigint];
      expect(laterId).toBeGreaterThan(lateId);
      await sealAuditLog(); // sees the later row only: the late one is not committed
      expect(await sealsOf([lateId])).toHaveLength(0);
      expect(await sealsOf([laterId])).toHaveLength(1);
    } finally {
      await side.query("COMMIT");
    }
    await sealAuditLog();
    const [late] = await sealsOf([lateId]);
    const [later] = await sealsOf([laterId]);
    expect(late!.seq).toBeGreaterThan(later!.seq);
    expect(await db.auditSeal.count({ where: { auditId: lateId } })).toBe(1);
  });

  it("leaves a row below the sealed ids and older than the late window to the full sweep", async () => {
    const db = await getDb();
    await sealAuditLog();
    // As if its transaction had started two days ago and committed only now: an id below every
    // sealed one (negative ids are never handed out by the sequence) and an old occurred_at.
    const oldId = -BigInt(1 + Math.floor(Math.random() * 1e12));
    await side.query(`INSERT INTO audit_log (id, occurred_at, action) VALUES ($1, now() - interval '2 days', 'test.seal.old')`, [oldId.toString()]);
    expect((await sealAuditLog()).sealed).toBe(0);
    expect(await db.auditSeal.count({ where: { auditId: oldId } })).toBe(0);
    expect(await sealAuditLog({ fullSweep: true })).toMatchObject({ sealed: 1, drained: true });
    expect(await db.auditSeal.count({ where: { auditId: oldId } })).toBe(1);
  });
});
