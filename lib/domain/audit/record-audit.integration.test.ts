/**
 * recordAudit writes a PHI read's audit row as one raw INSERT outside a transaction (the hot
 * path) and through the transaction inside one. Both must write the same row, made safe the
 * same way (audit-row-data.ts), and the raw one must be durable before recordAudit returns.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { countRoundTrips } from "../../../test/round-trips";
import { getDb } from "../../db/client";
import { recordAudit, type AuditEntry } from "./record-audit";

const actor = { userId: "0199c223-8a47-726b-8dff-670e8ec8f37d", role: "NURSE" as const, origin: { ip: "10.1.2.3", userAgent: "vitest\u0000agent" } };

async function rowsOf(action: string) {
  const db = await getDb();
  const rows = await db.auditLog.findMany({ where: { action }, orderBy: { id: "asc" } });
  return rows.map(({ id: _id, occurredAt, ...rest }) => ({ ...rest, recent: Math.abs(occurredAt.getTime() - Date.now()) < 60_000 }));
}

describe("recordAudit", () => {
  it("writes the same row raw (one round trip, committed on return) as through a transaction", async () => {
    const action = `test.read.${randomUUID()}`;
    const entries: AuditEntry[] = [
      { action, memberId: "0199c223-0000-7000-8000-000000000001", recordType: "thread", recordId: "x\u0000y", details: { count: 2, memberIds: ["a"], nested: { "k\u0000": "v\ud800" } } },
      { action, outcome: "DENIED", reason: "not_permitted_for_role", memberId: "not-a-uuid" },
      { action },
    ];
    const db = await getDb();
    for (const entry of entries) {
      expect(await countRoundTrips(() => recordAudit(db, actor, entry))).toBe(1);
      // Committed: another connection sees it at once.
      expect((await rowsOf(action)).length).toBeGreaterThan(0);
    }
    await recordAudit(db, null, { action }, null);
    const raw = await rowsOf(action);

    const viaTx = `test.read.${randomUUID()}`;
    await db.$transaction(async (tx) => {
      for (const entry of entries) await recordAudit(tx, actor, { ...entry, action: viaTx });
      await recordAudit(tx, null, { action: viaTx }, null);
    });
    const transactional = (await rowsOf(viaTx)).map((r) => ({ ...r, action }));

    expect(raw).toHaveLength(4);
    expect(raw).toEqual(transactional);
    expect(raw[0]).toMatchObject({ actorId: actor.userId, actorRole: "NURSE", outcome: "ALLOWED", ip: "10.1.2.3", recordId: "x\ufffdy", recent: true });
    expect(raw[0]!.details).toEqual({ count: 2, memberIds: ["a"], nested: { "k\ufffd": "v\ufffd" } });
    expect(raw[1]).toMatchObject({ outcome: "DENIED", memberId: null, details: null });
    expect(raw[3]).toMatchObject({ actorId: null, actorRole: null, ip: null, userAgent: null });
  });
});
