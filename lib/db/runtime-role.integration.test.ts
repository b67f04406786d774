// Issue 9 item 9 on real PostgreSQL: the app runs as a LOGIN role that is only a member of
// `concierge_runtime` (prisma/migrations/20261202050000_runtime_role) — as docs/database.md
// tells operators to set it up. Its domain operations work (send, read, seal, verify), and
// it cannot switch off, drop or get round anything of the audit trail.
import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";

const databaseUrl = inject("databaseUrl");
const role = `concierge_it_app_${randomBytes(4).toString("hex")}`;
const su = new pg.Client({ connectionString: databaseUrl });
let runtime: pg.Client;
let runtimeUrl: string;

async function asApp() {
  // The app's modules, fresh, with DATABASE_URL pointing at the runtime login role.
  vi.resetModules();
  vi.stubEnv("DATABASE_URL", runtimeUrl);
  return {
    client: await import("./client"),
    actorFor: (await import("../../test/actors")).actorFor,
    createThread: (await import("../domain/threads/create-thread")).createThread,
    sendMessage: (await import("../domain/messages/send-message")).sendMessage,
    listMessages: (await import("../domain/messages/list-messages")).listMessages,
    sealAuditLog: (await import("../domain/audit/seal-audit-log")).sealAuditLog,
    verifyAuditChain: (await import("../domain/audit/verify-audit-chain")).verifyAuditChain,
  };
}

let app: Awaited<ReturnType<typeof asApp>>;

beforeAll(async () => {
  await su.connect();
  // Exactly what docs/database.md has operators run for the app's login role.
  await su.query(`CREATE ROLE ${role} LOGIN`);
  await su.query(`GRANT concierge_runtime TO ${role}`);
  const u = new URL(databaseUrl);
  u.username = role;
  runtimeUrl = u.toString();
  runtime = new pg.Client({ connectionString: runtimeUrl });
  await runtime.connect();
  app = await asApp();
});

afterAll(async () => {
  await app?.client.closeDb();
  await runtime?.end();
  vi.unstubAllEnvs();
  // Roles are cluster-wide: leave none behind. The role owns nothing, so it drops cleanly.
  await su.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1`, [role]);
  await su.query(`DROP ROLE IF EXISTS ${role}`);
  await su.end();
});

/** The statement fails with insufficient_privilege (42501), and nothing else. */
async function refused(sql: string, params: unknown[] = []) {
  const error = await runtime.query(sql, params).then(
    () => null,
    (e: unknown) => e as { code?: string; message?: string },
  );
  expect(error, sql).not.toBeNull();
  expect({ sql, code: error!.code }).toEqual({ sql, code: "42501" });
}

describe("the app as a member of concierge_runtime", () => {
  it("is a role without ownership, superuser or role-creating rights", async () => {
    const { rows } = await runtime.query(
      `SELECT r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolbypassrls,
              pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'audit_log'::regclass), 'MEMBER') AS owns_audit_log,
              pg_has_role(current_user, 'concierge_runtime', 'MEMBER') AS runtime_member
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(rows[0]).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false, owns_audit_log: false, runtime_member: true });
  });

  it("sends, reads, seals and verifies through the domain layer", async () => {
    const maya = await app.actorFor("member@demo.test");
    const guide = await app.actorFor("guide@demo.test");
    const { thread } = await app.createThread(maya, { subject: "Runtime role", body: "Hello from the runtime role", clientMessageId: randomUUID() });
    await app.sendMessage(guide, thread.id, { body: "A reply", clientMessageId: randomUUID() });
    const { items } = await app.listMessages(maya, thread.id);
    expect(items.map((m) => m.body)).toEqual(["Hello from the runtime role", "A reply"]);

    const sealed = await app.sealAuditLog();
    expect(sealed).toMatchObject({ busy: false, drained: true });
    expect(sealed.sealed).toBeGreaterThan(0);
    const verification = await app.verifyAuditChain(await app.actorFor("compliance@demo.test"));
    expect(verification).toMatchObject({ ok: true, firstBroken: null });
    // The database the app connected with really is the runtime role's.
    const [me] = await (await app.client.getDb()).$queryRaw<{ user: string }[]>`SELECT current_user AS "user"`;
    expect(me!.user).toBe(role);
  });

  it("cannot disable, drop or replace the audit triggers, or drop the audit tables", async () => {
    for (const table of ["audit_log", "audit_seals"]) {
      await refused(`ALTER TABLE ${table} DISABLE TRIGGER ALL`);
      await refused(`ALTER TABLE ${table} DISABLE TRIGGER ${table}_append_only`);
      await refused(`DROP TRIGGER ${table}_append_only ON ${table}`);
      await refused(`ALTER TABLE ${table} OWNER TO ${role}`);
      await refused(`CREATE TRIGGER sneaky BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`);
      await refused(`DROP TABLE ${table} CASCADE`);
    }
    // Replacing the function every trigger calls would disarm them all at once.
    await refused(`CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`);
    await refused(`DROP FUNCTION audit_refuse_change() CASCADE`);
  });

  it("cannot update, delete or truncate audit rows or seals, nor forge migration history", async () => {
    const { rows } = await runtime.query<{ id: string; seq: string }>(`SELECT audit_id::text AS id, seq::text AS seq FROM audit_seals ORDER BY seq DESC LIMIT 1`);
    const { id, seq } = rows[0]!;
    // Refused for want of the privilege itself (42501), before the append-only triggers are reached.
    await refused(`UPDATE audit_log SET reason = 'changed' WHERE id = $1`, [id]);
    await refused(`DELETE FROM audit_log WHERE id = $1`, [id]);
    await refused(`TRUNCATE audit_log CASCADE`);
    await refused(`UPDATE audit_seals SET hash = repeat('0', 64) WHERE seq = $1`, [seq]);
    await refused(`DELETE FROM audit_seals WHERE seq = $1`, [seq]);
    await refused(`TRUNCATE audit_seals`);
    await refused(`UPDATE _prisma_migrations SET checksum = 'x'`);
    await refused(`DELETE FROM _prisma_migrations`);
  });

  it("cannot choose an audit row's id or time (review finding 8): only the columns the app fills", async () => {
    // A backdated row would be sealed as if it were old; a row at an upcoming id would make
    // the next audited operations fail on the key.
    await refused(`INSERT INTO audit_log (id, action) VALUES ((SELECT max(id) + 5 FROM audit_log), 'forged.ahead')`);
    await refused(`INSERT INTO audit_log (id, occurred_at, action) VALUES (9000000000000000000, now(), 'forged.both')`);
    // A time given is replaced by the database's own (Prisma always sends one, so the column
    // cannot be withheld; a trigger sets it).
    const backdated = await runtime.query<{ recent: boolean }>(
      `INSERT INTO audit_log (occurred_at, action) VALUES (now() - interval '1 year', 'forged.backdated') RETURNING occurred_at > now() - interval '1 minute' AS recent`,
    );
    expect(backdated.rows[0]!.recent).toBe(true);
    // What the app writes still goes in, with the database's own id and time.
    const { rows } = await runtime.query<{ id: string; recent: boolean }>(
      `INSERT INTO audit_log (action, outcome, details) VALUES ('test.runtime.insert', 'ALLOWED', '{}'::jsonb) RETURNING id::text AS id, occurred_at > now() - interval '1 minute' AS recent`,
    );
    expect(rows[0]!.recent).toBe(true);
    // And through the domain layer: the raw statement and Prisma's create (inside a batch).
    const db = await app.client.getDb();
    const { recordAudit } = await import("../domain/audit/record-audit");
    const { auditRowData } = await import("../domain/audit/audit-row-data");
    await recordAudit(db, null, { action: "test.runtime.record", recordId: "r1" });
    await db.$transaction([db.auditLog.create({ data: { ...auditRowData(null, { action: "test.runtime.batch", recordId: "r2" }), occurredAt: new Date("2001-01-01T00:00:00Z") }, select: { id: true } })]);
    const written = await db.auditLog.findMany({ where: { action: { in: ["test.runtime.record", "test.runtime.batch"] } }, select: { occurredAt: true } });
    expect(written).toHaveLength(2);
    for (const row of written) expect(Date.now() - row.occurredAt.getTime()).toBeLessThan(60_000);
  });

  it("cannot switch triggers off for its session (session_replication_role needs a superuser)", async () => {
    await refused(`SET session_replication_role = replica`);
    await refused(`SET LOCAL session_replication_role = replica`);
    const { rows } = await runtime.query(`SHOW session_replication_role`);
    expect(rows[0]).toEqual({ session_replication_role: "origin" });
  });

  it("cannot create roles or grant itself more", async () => {
    await refused(`CREATE ROLE concierge_it_escalate SUPERUSER`);
    await refused(`ALTER ROLE ${role} SUPERUSER`);
    // A GRANT without grant options only warns ("no privileges were granted"): check the effect.
    await runtime.query(`GRANT UPDATE, DELETE, TRUNCATE, TRIGGER ON audit_log, audit_seals TO ${role}`).catch(() => undefined);
    const { rows } = await su.query(
      `SELECT t, p, has_table_privilege($1, t, p) AS has FROM unnest(ARRAY['audit_log', 'audit_seals']) t, unnest(ARRAY['UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER']) p`,
      [role],
    );
    expect(rows.filter((r: { has: boolean }) => r.has)).toEqual([]);
  });
});
