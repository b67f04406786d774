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
