/**
 * Hostile input against the real domain operations on real PostgreSQL (issue 9, items 4–6):
 * NUL and other control characters, bidi overrides, zero-width-only text, year 0000/99999
 * dates and ids beyond bigint must be refused as invalid input (422/400) or not found (404)
 * — never reach PostgreSQL as a value it refuses (a 500) — and every denied attempt on a
 * hostile path id is still audited, with the id made safe for PostgreSQL.
 */
import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { getDb } from "../../db/client";
import { isAppError } from "../../errors";
import { getPerson } from "../admin/get-person";
import { listPeople } from "../admin/list-people";
import { getAttachment } from "../attachments/get-attachment";
import { exportAuditEvents } from "../audit/export-audit-events";
import { findAuditMember } from "../audit/find-audit-member";
import { listAuditEvents } from "../audit/list-audit-events";
import { listMyAccessLog } from "../audit/list-my-access-log";
import { recordAudit } from "../audit/record-audit";
import { listMentionable } from "../collaborators/list-mentionable";
import { requestEmergencyAccess } from "../emergency-access/request-emergency-access";
import { reviewEmergencyAccess } from "../emergency-access/review-emergency-access";
import { getMemberContext } from "../members/get-member-context";
import { listMessages } from "../messages/list-messages";
import { sendMessage } from "../messages/send-message";
import { getAdminTeam } from "../teams/get-admin-team";
import { createThread } from "../threads/create-thread";
import { getThread } from "../threads/get-thread";
import { listThreads } from "../threads/list-threads";
import { getTicket } from "../tickets/get-ticket";
import { updateTicket } from "../tickets/update-ticket";

const key = () => `hi-${randomUUID()}`;
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

/** The error's HTTP status as the API would answer it (ZodError → 422). */
async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    if (error instanceof ZodError) return 422;
    if (isAppError(error)) return error.status;
    throw error; // an unexpected error is what this file hunts: let it fail the test
  }
}

const hostileIds = ["\u0000", "%00", `${randomUUID()}\u0000`, "x".repeat(5000), "'; DROP TABLE audit_log; --", "\u202E123", "-1", "9999999999999999999"];

describe("the audit writer", () => {
  it("writes a row whatever its fields hold: NUL, lone surrogates, overlong text, NUL in details", async () => {
    const db = await getDb();
    const nurse = await actorFor("nurse@demo.test");
    const action = `test.hostile.${randomUUID()}`;
    await recordAudit(
      db,
      { ...nurse, origin: { ip: "10.0.0.1\u0000", userAgent: "agent\u0000\uD800" } },
      {
        action,
        outcome: "DENIED",
        recordType: "thread\u0000",
        recordId: `\u0000${"a".repeat(3000)}`,
        reason: "why\u0000",
        memberId: "not a uuid\u0000",
        details: { q: "\u0000", nested: [{ "k\u0000": "v\u0000" }] },
      },
    );
    const row = await db.auditLog.findFirstOrThrow({ where: { action } });
    expect(row.recordId).toBe(`\uFFFD${"a".repeat(63)}`);
    expect(row.recordType).toBe("thread\uFFFD");
    expect(row.reason).toBe("why\uFFFD");
    expect(row.ip).toBe("10.0.0.1\uFFFD");
    expect(row.userAgent).toBe("agent\uFFFD\uFFFD");
    expect(row.memberId).toBeNull();
    expect(row.details).toEqual({ q: "\uFFFD", nested: [{ "k\uFFFD": "v\uFFFD" }] });
  });
});

describe("hostile path ids", () => {
  const operations: [string, string, (id: string) => Promise<unknown>, string][] = [
    ["member@demo.test", "thread.read", (id) => getThread(member(), id), "thread"],
    ["member@demo.test", "message.list", (id) => listMessages(member(), id, {}), "thread"],
    ["member@demo.test", "message.send", (id) => sendMessage(member(), id, { body: "hello", clientMessageId: key() }), "thread"],
    ["guide@demo.test", "collaborator.mentionable", (id) => listMentionable(guide(), id), "thread"],
    ["guide@demo.test", "ticket.read", (id) => getTicket(guide(), id), "ticket"],
    ["guide@demo.test", "ticket.update", (id) => updateTicket(guide(), id, { status: "OPEN" }), "ticket"],
    ["guide@demo.test", "attachment.read", (id) => getAttachment(guide(), id), "attachment"],
    ["nurse@demo.test", "memberContext.read", (id) => getMemberContext(nurse(), id), "member"],
    ["admin@demo.test", "user.read", (id) => getPerson(admin(), id), "user"],
    ["admin@demo.test", "team.read", (id) => getAdminTeam(admin(), id), "team"],
    ["compliance@demo.test", "emergencyAccess.review", (id) => reviewEmergencyAccess(compliance(), id, {}), "emergencyAccess"],
  ];
  const actors: Record<string, Awaited<ReturnType<typeof actorFor>>> = {};
  const member = () => actors["member@demo.test"]!;
  const guide = () => actors["guide@demo.test"]!;
  const nurse = () => actors["nurse@demo.test"]!;
  const admin = () => actors["admin@demo.test"]!;
  const compliance = () => actors["compliance@demo.test"]!;

  it("answer 404 and are audited as DENIED with the id made safe (no NUL, at most 64 characters)", async () => {
    const db = await getDb();
    for (const email of new Set(operations.map(([e]) => e))) actors[email] = await actorFor(email);
    for (const [email, action, run, recordType] of operations) {
      for (const raw of hostileIds) {
        const before = await db.auditLog.aggregate({ _max: { id: true } });
        expect(await statusOf(run(raw)), `${action} ${JSON.stringify(raw.slice(0, 20))}`).toBe(404);
        const denied = await db.auditLog.findFirst({
          where: { id: { gt: before._max.id ?? 0n }, actorId: actors[email]!.userId, outcome: "DENIED", recordType },
          orderBy: { id: "desc" },
        });
        expect(denied, `${action} ${JSON.stringify(raw.slice(0, 20))} audited`).not.toBeNull();
        expect(denied!.recordId).not.toContain("\u0000");
        expect(denied!.recordId!.length).toBeLessThanOrEqual(64);
      }
    }
  });
});

describe("hostile text", () => {
  it("is refused as invalid input (422), never a database error", async () => {
    const memberActor = await actorFor("member@demo.test");
    const guideActor = await actorFor("guide@demo.test");
    const adminActor = await actorFor("admin@demo.test");
    const complianceActor = await actorFor("compliance@demo.test");
    const guide2Actor = await actorFor("guide2@demo.test");
    const { thread } = await createThread(memberActor, { subject: "Hostile text", body: "A real question.", clientMessageId: key() });
    const detail = await getThread(guideActor, thread.id);

    const cases: [string, () => Promise<unknown>][] = [
      ["body NUL", () => sendMessage(memberActor, thread.id, { body: "a\u0000b", clientMessageId: key() })],
      ["body zero-width only", () => sendMessage(memberActor, thread.id, { body: "\u200B\u200B\u200B", clientMessageId: key() })],
      ["body escape", () => sendMessage(memberActor, thread.id, { body: "red \u001b[31m", clientMessageId: key() })],
      ["subject NUL", () => createThread(memberActor, { subject: "a\u0000", body: "b", clientMessageId: key() })],
      ["subject bidi", () => createThread(memberActor, { subject: "invoice \u202Efdp.exe", body: "b", clientMessageId: key() })],
      ["subject zero-width", () => createThread(memberActor, { subject: "\u200B", body: "b", clientMessageId: key() })],
      ["clientMessageId NUL", () => createThread(memberActor, { body: "b", clientMessageId: `abcdefgh\u0000` })],
      ["case type NUL", () => updateTicket(guideActor, detail.ticket!.id, { caseType: "x\u0000" })],
      ["people q NUL", () => listPeople(adminActor, { q: "a\u0000" })],
      ["mentionable q NUL", () => listMentionable(guideActor, thread.id, { q: "a\u0000" })],
      ["audit action NUL", () => listAuditEvents(complianceActor, { action: "a\u0000" })],
      ["audit from 0000", () => listAuditEvents(complianceActor, { from: "0000-01-01T00:00:00Z" })],
      ["audit to 99999", () => listAuditEvents(complianceActor, { to: "+099999-01-01T00:00:00Z" })],
      ["audit cursor beyond bigint", () => listAuditEvents(complianceActor, { cursor: "9999999999999999999" })],
      ["audit export action NUL", () => exportAuditEvents(complianceActor, { action: "\u0000" })],
      ["audit export from 0000", () => exportAuditEvents(complianceActor, { from: "0000-01-01T00:00:00Z" })],
      ["emergency reason zero-width", () => requestEmergencyAccess(guide2Actor, thread.id, { reason: "\u200B".repeat(20) })],
    ];
    for (const [name, run] of cases) expect(await statusOf(run()), name).toBe(422);
  });

  it("crafted cursors are a 400, never a database error", async () => {
    const memberActor = await actorFor("member@demo.test");
    const complianceActor = await actorFor("compliance@demo.test");
    const crafted = [
      b64({ t: "0000-01-01T00:00:00.000Z", id: randomUUID() }),
      b64({ t: "+099999-01-01T00:00:00.000Z", id: randomUUID() }),
      b64({ h: "0000-01-01T00:00:00.000Z", id: "9999999999999999999" }),
      b64({ h: "2026-01-01T00:00:00.000Z", id: "9999999999999999999" }),
    ];
    for (const cursor of crafted) {
      expect(await statusOf(listThreads(memberActor, { cursor }))).toBe(400);
      expect(await statusOf(listMyAccessLog(memberActor, { cursor }))).toBe(400);
    }
    expect(await statusOf(listAuditEvents(complianceActor, { cursor: "-1" }))).toBe(422);
  });

  it("the compliance member lookup treats hostile text as no match", async () => {
    const complianceActor = await actorFor("compliance@demo.test");
    expect(await findAuditMember(complianceActor, "member@demo.test\u0000")).toBeNull();
    expect(await findAuditMember(complianceActor, "\u202Emember@demo.test")).toBeNull();
  });
});
