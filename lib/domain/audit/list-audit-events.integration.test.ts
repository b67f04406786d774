import { describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { getDb } from "../../db/client";
import { listAuditEvents } from "./list-audit-events";
import { recordAudit } from "./record-audit";

describe("listAuditEvents", () => {
  it("lets compliance filter the log, and audits the reading", async () => {
    const compliance = await actorFor("compliance@demo.test");
    const guide = await actorFor("guide@demo.test");
    const db = await getDb();
    await recordAudit(db, guide, { action: "test.marker", recordType: "thread", recordId: "x" });
    const { items } = await listAuditEvents(compliance, { actorId: guide.userId, action: "test.marker" });
    expect(items.length).toBeGreaterThan(0);
    expect(items[0]).toMatchObject({ action: "test.marker", actorId: guide.userId, actorName: "Gabriel Ortiz", outcome: "ALLOWED" });
    expect(await db.auditLog.count({ where: { actorId: compliance.userId, action: "audit.list" } })).toBeGreaterThan(0);
  });

  it("pages newest first with a keyset cursor, and names the member a row is about", async () => {
    const compliance = await actorFor("compliance@demo.test");
    const guide = await actorFor("guide@demo.test");
    const member = await actorFor("member@demo.test");
    const db = await getDb();
    const action = `test.page.${Date.now()}`;
    for (let i = 0; i < 5; i++) await recordAudit(db, guide, { action, memberId: member.userId, recordId: `r${i}` });
    const first = await listAuditEvents(compliance, { action, limit: 2 });
    expect(first.items.map((e) => e.recordId)).toEqual(["r4", "r3"]);
    expect(first.items[0]).toMatchObject({ memberId: member.userId, memberName: "Maya Patel", actorName: "Gabriel Ortiz" });
    const second = await listAuditEvents(compliance, { action, limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((e) => e.recordId)).toEqual(["r2", "r1"]);
    const last = await listAuditEvents(compliance, { action, limit: 2, cursor: second.nextCursor! });
    expect(last.items.map((e) => e.recordId)).toEqual(["r0"]);
    expect(last.nextCursor).toBeNull();
    await expect(listAuditEvents(compliance, { cursor: "abc" })).rejects.toThrow();
  });

  it("refuses everyone else, and audits the attempt", async () => {
    const db = await getDb();
    for (const email of ["admin@demo.test", "guide@demo.test", "member@demo.test"]) {
      const actor = await actorFor(email);
      await expect(listAuditEvents(actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await db.auditLog.count({ where: { actorId: actor.userId, action: "audit.read", outcome: "DENIED" } })).toBeGreaterThan(0);
    }
  });

  it("rejects unknown filters instead of ignoring them", async () => {
    await expect(listAuditEvents(await actorFor("compliance@demo.test"), { everything: "1" } as never)).rejects.toThrow();
  });
});
