import { describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { getDb } from "../../db/client";
import { recordAudit } from "./record-audit";
import { sealAuditLog } from "./seal-audit-log";

/**
 * The database itself refuses to rewrite history, whatever the app does: every path below
 * goes through the app's own Prisma connection (getDb()), as a bug or an injected query
 * would. The triggers are in the first migration (`audit_refuse_change`).
 */
async function sealedRow() {
  const db = await getDb();
  const action = `test.appendonly.${Date.now()}`;
  await recordAudit(db, await actorFor("guide@demo.test"), { action, recordType: "thread", recordId: "original" });
  await sealAuditLog();
  return db.auditLog.findFirstOrThrow({ where: { action }, include: { seal: true } });
}

describe("audit tables are append-only", () => {
  it("refuses UPDATE and DELETE of audit_log rows, through Prisma and raw SQL", async () => {
    const db = await getDb();
    const row = await sealedRow();
    const attempts: [string, () => Promise<unknown>][] = [
      ["update", () => db.auditLog.update({ where: { id: row.id }, data: { recordId: "changed" } })],
      ["updateMany", () => db.auditLog.updateMany({ where: { id: row.id }, data: { outcome: "DENIED" } })],
      ["delete", () => db.auditLog.delete({ where: { id: row.id } })],
      ["deleteMany", () => db.auditLog.deleteMany({ where: { id: row.id } })],
      ["raw UPDATE", () => db.$executeRaw`UPDATE audit_log SET reason = 'changed' WHERE id = ${row.id}`],
      ["raw DELETE", () => db.$executeRaw`DELETE FROM audit_log WHERE id = ${row.id}`],
      ["TRUNCATE", () => db.$executeRawUnsafe("TRUNCATE audit_log CASCADE")],
    ];
    for (const [label, attempt] of attempts) await expect(attempt(), label).rejects.toThrow();
    const after = await db.auditLog.findUniqueOrThrow({ where: { id: row.id }, include: { seal: true } });
    expect(after).toEqual(row);
  });

  it("refuses UPDATE and DELETE of audit_seals rows", async () => {
    const db = await getDb();
    const row = await sealedRow();
    const seal = row.seal!;
    const attempts: [string, () => Promise<unknown>][] = [
      ["update", () => db.auditSeal.update({ where: { seq: seal.seq }, data: { hash: "0".repeat(64) } })],
      ["updateMany", () => db.auditSeal.updateMany({ where: { seq: seal.seq }, data: { prevHash: "0".repeat(64) } })],
      ["delete", () => db.auditSeal.delete({ where: { seq: seal.seq } })],
      ["deleteMany", () => db.auditSeal.deleteMany({})],
      ["raw UPDATE", () => db.$executeRaw`UPDATE audit_seals SET hash = 'x' WHERE seq = ${seal.seq}`],
      ["raw DELETE", () => db.$executeRaw`DELETE FROM audit_seals WHERE seq = ${seal.seq}`],
      ["TRUNCATE", () => db.$executeRawUnsafe("TRUNCATE audit_seals")],
    ];
    for (const [label, attempt] of attempts) await expect(attempt(), label).rejects.toThrow();
    expect(await db.auditSeal.findUniqueOrThrow({ where: { seq: seal.seq } })).toEqual(seal);
  });

  it("names the rule in the refusal", async () => {
    const db = await getDb();
    const row = await sealedRow();
    await expect(db.$executeRaw`UPDATE audit_log SET reason = 'changed' WHERE id = ${row.id}`).rejects.toThrow(/append-only/);
  });
});
