import { describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { exportAuditEvents } from "./export-audit-events";
import { recordAudit } from "./record-audit";

/** A small RFC 4180 reader, enough to read our own files back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") endCell();
    else if (c === "\r" && text[i + 1] === "\n") {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += c;
  }
  if (cell || row.length) {
    endCell();
    rows.push(row);
  }
  return rows;
}

async function exportText(actor: Actor, input: Parameters<typeof exportAuditEvents>[1]) {
  const result = await exportAuditEvents(actor, input);
  let text = "";
  for await (const chunk of result.chunks) text += chunk;
  return { ...result, text, rows: parseCsv(text.replace(/^\uFEFF/, "")) };
}

describe("exportAuditEvents", () => {
  it("exports the filtered rows as CSV with names, newest first, and audits the export", async () => {
    const db = await getDb();
    const compliance = await actorFor("compliance@demo.test");
    const guide = await actorFor("guide@demo.test");
    const nurse = await actorFor("nurse@demo.test");
    const member = await actorFor("member@demo.test");
    const action = `test.export.${Date.now()}`;
    await recordAudit(db, guide, { action, memberId: member.userId, recordType: "thread", recordId: "t1", details: { count: 2 } });
    await recordAudit(db, guide, { action, memberId: member.userId, recordType: "thread", recordId: "t2" });
    await recordAudit(db, nurse, { action, memberId: member.userId, recordType: "thread", recordId: "t3" });
    await recordAudit(db, guide, { action: `${action}.other`, memberId: member.userId });

    const { rows, fileName, truncated, text } = await exportText(compliance, { actorId: guide.userId, action });
    expect(text.startsWith("\uFEFFid,occurred_at,actor_id,actor_name,")).toBe(true);
    expect(fileName).toMatch(/^audit-export-[0-9TZ-]+\.csv$/);
    expect(truncated).toBe(false);
    const [header, ...data] = rows;
    expect(header).toEqual(["id", "occurred_at", "actor_id", "actor_name", "actor_role", "action", "outcome", "member_id", "member_name", "record_type", "record_id", "ip", "user_agent", "reason", "details"]);
    expect(data.map((r) => r[10])).toEqual(["t2", "t1"]);
    const t1 = Object.fromEntries(header!.map((h, i) => [h, data[1]![i]]));
    expect(t1).toMatchObject({ actor_id: guide.userId, actor_name: "Gabriel Ortiz", actor_role: "CARE_GUIDE", action, outcome: "ALLOWED", member_id: member.userId, member_name: "Maya Patel", ip: "127.0.0.1", details: '{"count":2}' });

    const audit = await db.auditLog.findFirstOrThrow({ where: { actorId: compliance.userId, action: "audit.export" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ outcome: "ALLOWED", details: { filters: { actorId: guide.userId, action }, cap: 50_000, truncated: false } });
  });

  it("filters by member and by period", async () => {
    const db = await getDb();
    const compliance = await actorFor("compliance@demo.test");
    const guide = await actorFor("guide@demo.test");
    const maya = await actorFor("member@demo.test");
    const samuel = await actorFor("member2@demo.test");
    const action = `test.export.member.${Date.now()}`;
    const start = new Date(Date.now() - 1000).toISOString();
    await recordAudit(db, guide, { action, memberId: maya.userId, recordId: "maya" });
    await recordAudit(db, guide, { action, memberId: samuel.userId, recordId: "samuel" });

    const byMember = await exportText(compliance, { memberId: samuel.userId, action });
    expect(byMember.rows.slice(1).map((r) => r[10])).toEqual(["samuel"]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { actorId: compliance.userId, action: "audit.export" }, orderBy: { id: "desc" } });
    expect(audit.memberId).toBe(samuel.userId);

    const inPeriod = await exportText(compliance, { action, from: start, to: new Date(Date.now() + 60_000).toISOString() });
    expect(inPeriod.rows.slice(1).map((r) => r[10]).sort()).toEqual(["maya", "samuel"]);
    const before = await exportText(compliance, { action, to: start });
    expect(before.rows).toHaveLength(1); // the header alone
  });

  it("defuses spreadsheet formulas in text that came from outside", async () => {
    const db = await getDb();
    const compliance = await actorFor("compliance@demo.test");
    const guide = await actorFor("guide@demo.test");
    const action = `test.export.formula.${Date.now()}`;
    await recordAudit(db, { ...guide, origin: { ip: "10.0.0.9", userAgent: '=HYPERLINK("http://evil.test","x")' } }, { action, recordId: "@SUM(A1)" });
    const { rows } = await exportText(compliance, { action });
    expect(rows[1]![12]).toBe(`'=HYPERLINK("http://evil.test","x")`);
    expect(rows[1]![10]).toBe("'@SUM(A1)");
  });

  it("refuses everyone but compliance, and audits the attempt", async () => {
    const db = await getDb();
    for (const email of ["admin@demo.test", "guide@demo.test", "member@demo.test"]) {
      const actor = await actorFor(email);
      await expect(exportAuditEvents(actor, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await db.auditLog.count({ where: { actorId: actor.userId, action: "audit.read", outcome: "DENIED" } })).toBeGreaterThan(0);
      expect(await db.auditLog.count({ where: { actorId: actor.userId, action: "audit.export" } })).toBe(0);
    }
  });

  it("rejects unknown filters instead of exporting everything", async () => {
    await expect(exportAuditEvents(await actorFor("compliance@demo.test"), { everything: "1" } as never)).rejects.toThrow();
  });
});
