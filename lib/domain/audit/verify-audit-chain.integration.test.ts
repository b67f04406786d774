import { spawnSync } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { getDb } from "../../db/client";
import { recordAudit } from "./record-audit";
import { sealAuditLog } from "./seal-audit-log";
import { verifyAuditChain } from "./verify-audit-chain";

// The test database's superuser, standing in for someone with DDL rights — the one party
// the append-only triggers cannot stop (migration notes). Every change below happens inside
// one transaction that also re-enables the trigger, and is put back in `finally`, so the
// shared database is intact again for the test files that follow.
const databaseUrl = inject("databaseUrl");
const su = new pg.Client({ connectionString: databaseUrl });
beforeAll(() => su.connect());
afterAll(() => su.end());

async function asSuperuser(table: "audit_log" | "audit_seals", sql: string, params: unknown[]): Promise<void> {
  const trigger = table === "audit_log" ? "audit_log_append_only" : "audit_seals_append_only";
  await su.query("BEGIN");
  try {
    await su.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
    await su.query(sql, params);
    await su.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
    await su.query("COMMIT");
  } catch (error) {
    await su.query("ROLLBACK");
    throw error;
  }
}

/** Three fresh rows of this test's own, sealed; answers them with their seals. */
async function freshSealedRows() {
  const db = await getDb();
  const guide = await actorFor("guide@demo.test");
  const action = `test.verify.${Date.now()}`;
  for (let i = 0; i < 3; i++) await recordAudit(db, guide, { action, recordType: "thread", recordId: `r${i}` });
  await sealAuditLog();
  const rows = await db.auditLog.findMany({ where: { action }, orderBy: { id: "asc" }, include: { seal: true } });
  expect(rows.every((r) => r.seal)).toBe(true);
  return rows.map((r) => ({ id: r.id, seal: r.seal! }));
}

async function expectIntact() {
  const result = await verifyAuditChain(await actorFor("compliance@demo.test"));
  expect(result.firstBroken).toBeNull();
  expect(result.ok).toBe(true);
}

function runCommand() {
  return spawnSync("npx", ["tsx", "scripts/audit/verify.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, MIGRATE_ON_START: "false", LOG_LEVEL: "silent" },
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("verifyAuditChain", () => {
  it("reports an intact chain to compliance and admins, and audits each check", async () => {
    const db = await getDb();
    for (const email of ["compliance@demo.test", "admin@demo.test"]) {
      const actor = await actorFor(email);
      await recordAudit(db, actor, { action: "test.verify.marker" }); // never an empty chain
      await sealAuditLog();
      const result = await verifyAuditChain(actor);
      expect(result).toMatchObject({ ok: true, firstBroken: null, unsealed: 0 });
      expect(result.sealed).toBeGreaterThan(0);
      expect(result.head?.seq).toBe(String(result.sealed));
      expect(result.head?.hash).toMatch(/^[0-9a-f]{64}$/);
      const row = await db.auditLog.findFirstOrThrow({ where: { actorId: actor.userId, action: "audit.verify" }, orderBy: { id: "desc" } });
      expect(row).toMatchObject({ outcome: "ALLOWED", details: { ok: true, sealed: result.sealed, problem: null } });
    }
  });

  it("counts rows still waiting for the sealer without calling the chain broken", async () => {
    const db = await getDb();
    await sealAuditLog();
    await recordAudit(db, null, { action: "test.verify.unsealed" });
    const result = await verifyAuditChain(await actorFor("compliance@demo.test"));
    expect(result).toMatchObject({ ok: true, unsealed: 1 });
  });

  it("refuses members and staff, and audits the attempt", async () => {
    const db = await getDb();
    for (const email of ["member@demo.test", "guide@demo.test", "doctor@demo.test"]) {
      const actor = await actorFor(email);
      await expect(verifyAuditChain(actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await db.auditLog.count({ where: { actorId: actor.userId, action: "audit.verify", outcome: "DENIED" } })).toBeGreaterThan(0);
    }
  });

  it("finds a sealed row changed behind the triggers' back, at that row's seq", async () => {
    const [, target] = await freshSealedRows();
    await asSuperuser("audit_log", "UPDATE audit_log SET record_id = 'someone-else' WHERE id = $1", [target!.id.toString()]);
    try {
      const result = await verifyAuditChain(await actorFor("admin@demo.test"));
      expect(result.ok).toBe(false);
      expect(result.firstBroken).toEqual({ seq: target!.seal.seq.toString(), auditId: target!.id.toString(), problem: "hash_mismatch" });
      expect(result.head).toBeNull();

      // The command says the same, exits 1, and prints seq and ids only.
      const cli = runCommand();
      expect(cli.status, cli.stderr).toBe(1);
      expect(cli.stderr).toContain(`BROKEN at seq ${target!.seal.seq} (audit row ${target!.id}): hash_mismatch`);
      expect(cli.stdout + cli.stderr).not.toContain("someone-else");
    } finally {
      await asSuperuser("audit_log", "UPDATE audit_log SET record_id = 'r1' WHERE id = $1", [target!.id.toString()]);
    }
    await expectIntact();
  });

  it("finds a seal whose link to its predecessor was rewritten", async () => {
    const [, target] = await freshSealedRows();
    await asSuperuser("audit_seals", "UPDATE audit_seals SET prev_hash = repeat('f', 64) WHERE seq = $1", [target!.seal.seq.toString()]);
    try {
      const result = await verifyAuditChain(await actorFor("compliance@demo.test"));
      expect(result.firstBroken).toEqual({ seq: target!.seal.seq.toString(), auditId: target!.id.toString(), problem: "prev_mismatch" });
    } finally {
      await asSuperuser("audit_seals", "UPDATE audit_seals SET prev_hash = $2 WHERE seq = $1", [target!.seal.seq.toString(), target!.seal.prevHash]);
    }
    await expectIntact();
  });

  it("finds a seal removed from the middle of the chain", async () => {
    const [, target] = await freshSealedRows();
    const s = target!.seal;
    await asSuperuser("audit_seals", "DELETE FROM audit_seals WHERE seq = $1", [s.seq.toString()]);
    try {
      const result = await verifyAuditChain(await actorFor("compliance@demo.test"));
      expect(result.firstBroken).toEqual({ seq: s.seq.toString(), auditId: null, problem: "gap" });
      expect(result.unsealed).toBeGreaterThanOrEqual(1); // its row lost its seal
    } finally {
      await su.query("INSERT INTO audit_seals (seq, audit_id, prev_hash, hash, sealed_at, version) VALUES ($1, $2, $3, $4, $5, $6)", [
        s.seq.toString(), s.auditId.toString(), s.prevHash, s.hash, s.sealedAt, s.version,
      ]);
    }
    await expectIntact();
  });

  it("finds a sealed row that was deleted", async () => {
    const [, target] = await freshSealedRows();
    const { rows } = await su.query("SELECT * FROM audit_log WHERE id = $1", [target!.id.toString()]);
    const saved = rows[0] as Record<string, unknown>;
    // Deleting a sealed row also needs the foreign key out of the way: replica mode skips
    // triggers and foreign keys alike (what only a superuser can do).
    await su.query("BEGIN");
    await su.query("SET LOCAL session_replication_role = replica");
    await su.query("DELETE FROM audit_log WHERE id = $1", [target!.id.toString()]);
    await su.query("COMMIT");
    try {
      const result = await verifyAuditChain(await actorFor("compliance@demo.test"));
      expect(result.firstBroken).toEqual({ seq: target!.seal.seq.toString(), auditId: target!.id.toString(), problem: "missing_row" });
    } finally {
      await su.query(
        `INSERT INTO audit_log (id, occurred_at, actor_id, actor_role, action, outcome, member_id, record_type, record_id, ip, user_agent, reason, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb)`,
        [saved.id, saved.occurred_at, saved.actor_id, saved.actor_role, saved.action, saved.outcome, saved.member_id, saved.record_type, saved.record_id, saved.ip, saved.user_agent, saved.reason, saved.details === null ? null : JSON.stringify(saved.details)],
      );
    }
    await expectIntact();
  });

  it("npm run audit:verify exits 0 on an intact chain", async () => {
    await sealAuditLog();
    const cli = runCommand();
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/intact: head seq \d+, hash [0-9a-f]{64}/);
    expect(cli.stdout).toMatch(/unsealed \(waiting for the sealer\): 0/);
  });
});
