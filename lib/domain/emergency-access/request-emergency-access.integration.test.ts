import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { actorFor } from "../../../test/actors";
import { getDb } from "../../db/client";
import { listMessages } from "../messages/list-messages";
import { createThread } from "../threads/create-thread";
import { getThread } from "../threads/get-thread";
import { requestEmergencyAccess } from "./request-emergency-access";

const reason = "Member called the nurse line with chest pain; need the history now.";

/** A fresh Sunrise thread (Maya Patel's): outside Harbor's, Riverside's and VPC's scope. */
async function sunriseThread(label = "Emergency test") {
  const member = await actorFor("member@demo.test");
  const { thread } = await createThread(member, { subject: `${label} ${randomUUID()}`, body: "Private question", clientMessageId: `ea-${randomUUID()}` });
  return thread;
}

async function expireAll(userId: string, threadId: string) {
  const db = await getDb();
  await db.emergencyAccess.updateMany({ where: { userId, threadId }, data: { expiresAt: new Date(Date.now() - 1000) } });
}


/**
 * Ends every running emergency access after each test, so grants made here never widen
 * another file's scope in the run's shared database (list-threads counts a guide's
 * threads). Ending, not deleting: the rows still count for the hourly limit.
 */
async function endTestEmergencies() {
  const db = await getDb();
  const now = new Date();
  await db.emergencyAccess.updateMany({ where: { expiresAt: { gt: now } }, data: { expiresAt: new Date(now.getTime() - 1000) } });
}

describe("requestEmergencyAccess", () => {
  afterEach(endTestEmergencies);

  it("opens an out-of-scope thread for EMERGENCY_ACCESS_MINUTES with the reason kept, audited and flagged for review", async () => {
    const db = await getDb();
    const guide2 = await actorFor("guide2@demo.test");
    const thread = await sunriseThread();
    await expect(getThread(guide2, thread.id)).rejects.toMatchObject({ code: "NOT_FOUND" });

    const before = Date.now();
    const { grant } = await requestEmergencyAccess(guide2, thread.id, { reason: `   ${reason}  ` });
    expect(grant.threadId).toBe(thread.id);
    const expiresAt = new Date(grant.expiresAt).getTime();
    expect(expiresAt).toBeGreaterThanOrEqual(before + 30 * 60_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 30 * 60_000);

    const row = await db.emergencyAccess.findUniqueOrThrow({ where: { id: grant.id } });
    expect(row).toMatchObject({ userId: guide2.userId, threadId: thread.id, reason, reviewedAt: null });

    const audit = await db.auditLog.findFirstOrThrow({ where: { actorId: guide2.userId, action: "emergencyAccess.grant" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ outcome: "ALLOWED", memberId: thread.memberId, recordType: "thread", recordId: thread.id, reason, actorRole: "CARE_GUIDE" });
    expect(audit.details).toEqual({ flagged: true, expiresAt: grant.expiresAt, emergencyAccessId: grant.id });

    // The thread view says how, and the read is marked as one under emergency access.
    const seen = await getThread(guide2, thread.id);
    expect(seen.access).toEqual({ via: "emergency", expiresAt: grant.expiresAt });
    expect(seen.id).toBe(thread.id);
    const read = await db.auditLog.findFirstOrThrow({ where: { actorId: guide2.userId, action: "thread.read", recordId: thread.id }, orderBy: { id: "desc" } });
    expect(read).toMatchObject({ outcome: "ALLOWED", details: { via: "emergency" } });
    expect((await listMessages(guide2, thread.id)).items.length).toBeGreaterThan(0);
  });

  it("works until it expires, then the thread is NOT_FOUND again; a new request opens it again", async () => {
    const nurse2 = await actorFor("nurse2@demo.test");
    const thread = await sunriseThread();
    await requestEmergencyAccess(nurse2, thread.id, { reason });
    expect((await getThread(nurse2, thread.id)).access.via).toBe("emergency");

    await expireAll(nurse2.userId, thread.id);
    await expect(getThread(nurse2, thread.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listMessages(nurse2, thread.id)).rejects.toMatchObject({ code: "NOT_FOUND" });

    await requestEmergencyAccess(nurse2, thread.id, { reason });
    expect((await getThread(nurse2, thread.id)).access.via).toBe("emergency");
  });

  it("refuses a request without a real reason, and stores nothing", async () => {
    const db = await getDb();
    const guide2 = await actorFor("guide2@demo.test");
    const thread = await sunriseThread();
    for (const input of [{}, { reason: "" }, { reason: "   urgent   " }, { reason: "x".repeat(501) }, { reason, extra: 1 }]) {
      const error = await requestEmergencyAccess(guide2, thread.id, input as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ZodError);
    }
    const short = (await requestEmergencyAccess(guide2, thread.id, { reason: "urgent" }).catch((e: unknown) => e)) as ZodError;
    expect(short.issues[0]?.message).toBe("Say why you need this conversation now.");
    expect(await db.emergencyAccess.count({ where: { threadId: thread.id } })).toBe(0);
  });

  it("answers CONFLICT to someone who reaches the thread through their team; a running emergency access is answered again (idempotent)", async () => {
    const db = await getDb();
    const thread = await sunriseThread();
    const guide = await actorFor("guide@demo.test");
    await expect(requestEmergencyAccess(guide, thread.id, { reason })).rejects.toMatchObject({ code: "CONFLICT", message: "You already have access to this conversation." });
    expect((await getThread(guide, thread.id)).access).toEqual({ via: "team", expiresAt: null });

    const physician = await actorFor("doctor@demo.test");
    const first = await requestEmergencyAccess(physician, thread.id, { reason });
    expect(first.created).toBe(true);
    await expect(requestEmergencyAccess(physician, thread.id, { reason })).resolves.toEqual({ grant: first.grant, created: false });
    expect(await db.emergencyAccess.count({ where: { threadId: thread.id } })).toBe(1);
  });

  it("answers NOT_FOUND for a thread that does not exist or a malformed id, audited as denied", async () => {
    const db = await getDb();
    const guide2 = await actorFor("guide2@demo.test");
    for (const id of [randomUUID(), "1 OR 1=1"]) {
      await expect(requestEmergencyAccess(guide2, id, { reason })).rejects.toMatchObject({ code: "NOT_FOUND" });
      const denied = await db.auditLog.findFirstOrThrow({ where: { actorId: guide2.userId, action: "emergencyAccess.request", outcome: "DENIED" }, orderBy: { id: "desc" } });
      expect(denied).toMatchObject({ recordType: "thread", recordId: id, reason: "out_of_scope" });
    }
  });

  it("refuses members, admins and compliance by capability (404, audited), and stores nothing", async () => {
    const db = await getDb();
    const thread = await sunriseThread();
    for (const email of ["member@demo.test", "member2@demo.test", "admin@demo.test", "compliance@demo.test"]) {
      const actor = await actorFor(email);
      await expect(requestEmergencyAccess(actor, thread.id, { reason })).rejects.toMatchObject({ code: "NOT_FOUND" });
      const denied = await db.auditLog.findFirstOrThrow({ where: { actorId: actor.userId, action: "emergencyAccess.request", outcome: "DENIED" }, orderBy: { id: "desc" } });
      expect(denied).toMatchObject({ recordId: thread.id, reason: "not_permitted_for_role" });
    }
    expect(await db.emergencyAccess.count({ where: { threadId: thread.id } })).toBe(0);
    // The member still reaches their own thread the ordinary way.
    expect((await getThread(await actorFor("member@demo.test"), thread.id)).access).toEqual({ via: "member", expiresAt: null });
  });

  it("allows 5 grants per person per hour, even when the requests race", async () => {
    const db = await getDb();
    const doctor2 = await actorFor("doctor2@demo.test");
    const earlier = await sunriseThread("Earlier");
    // Three grants already this hour; that they have expired does not matter, they count.
    for (let i = 0; i < 3; i++) {
      const ended = new Date(Date.now() - 1000);
      await db.emergencyAccess.create({ data: { userId: doctor2.userId, threadId: earlier.id, reason, expiresAt: ended, endedAt: ended } });
    }
    const threads = await Promise.all([1, 2, 3, 4, 5].map(() => sunriseThread("Race")));
    const results = await Promise.allSettled(threads.map((t) => requestEmergencyAccess(doctor2, t.id, { reason })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    for (const r of results.filter((r) => r.status === "rejected")) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "RATE_LIMITED" });

    // Over the limit, an unknown id answers the same as a real one: nothing is learned.
    await expect(requestEmergencyAccess(doctor2, randomUUID(), { reason })).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await db.auditLog.count({ where: { actorId: doctor2.userId, action: "emergencyAccess.request", outcome: "DENIED", reason: "rate_limited" } })).toBe(4);
    expect(await db.emergencyAccess.count({ where: { userId: doctor2.userId } })).toBe(5);
  });
});

describe("API clients (security review)", () => {
  it("may never break the glass, whatever their role", async () => {
    const guide2 = await actorFor("guide2@demo.test");
    const asClient = { ...guide2, apiClientId: randomUUID() };
    const error = await requestEmergencyAccess(asClient, randomUUID(), { reason: "The member called and needs help right now." }).then(() => null, (e: unknown) => e);
    expect((error as { code?: string } | null)?.code).toBe("FORBIDDEN");
  });
});
