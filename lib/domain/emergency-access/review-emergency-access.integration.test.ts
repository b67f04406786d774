import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { getDb } from "../../db/client";
import { createThread } from "../threads/create-thread";
import { listEmergencyAccesses } from "./list-emergency-accesses";
import { requestEmergencyAccess } from "./request-emergency-access";
import { reviewEmergencyAccess } from "./review-emergency-access";

const reason = `Covering Harbor's line tonight, member escalated ${randomUUID()}`;

/**
 * A Harbor thread (Lena Fischer's) opened by Sunrise staff. Requesters rotate so no one
 * reaches the hourly limit in a run's shared database (the request tests use Harbor,
 * Riverside and VPC staff).
 */
async function grantTo(requester: "guide@demo.test" | "guide.b@demo.test" | "nurse@demo.test") {
  const member = await actorFor("member3@demo.test");
  const { thread } = await createThread(member, { subject: "Review test", body: "Private question", clientMessageId: `er-${randomUUID()}` });
  const { grant } = await requestEmergencyAccess(await actorFor(requester), thread.id, { reason });
  return { thread, grant };
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

describe("emergency access review", () => {
  afterEach(endTestEmergencies);

  it("lists unreviewed accesses for compliance with who, role, thread, member and reason; marks one reviewed, audited", async () => {
    const db = await getDb();
    const compliance = await actorFor("compliance@demo.test");
    const bea = await actorFor("guide.b@demo.test");
    const { thread, grant } = await grantTo("guide.b@demo.test");

    const { items } = await listEmergencyAccesses(compliance);
    const item = items.find((i) => i.id === grant.id);
    expect(item).toEqual({
      id: grant.id,
      threadId: thread.id,
      requester: { id: bea.userId, name: "Bea Lindqvist", role: "CARE_GUIDE" },
      member: { id: thread.memberId, name: "Lena Fischer" },
      reason,
      createdAt: expect.any(String),
      expiresAt: grant.expiresAt,
      reviewedAt: null,
      reviewedBy: null,
      reviewNote: null,
    });
    const listed = await db.auditLog.findFirstOrThrow({ where: { actorId: compliance.userId, action: "emergencyAccess.list" }, orderBy: { id: "desc" } });
    expect(listed.details).toMatchObject({ status: "unreviewed", memberIds: expect.arrayContaining([thread.memberId]) });

    const reviewed = await reviewEmergencyAccess(compliance, grant.id, { note: "  Confirmed with Harbor's lead.  " });
    expect(reviewed).toMatchObject({ id: grant.id, reviewedBy: { id: compliance.userId, name: "Casey Compliance" }, reviewNote: "Confirmed with Harbor's lead." });
    expect(reviewed.reviewedAt).not.toBeNull();
    const audit = await db.auditLog.findFirstOrThrow({ where: { actorId: compliance.userId, action: "emergencyAccess.review" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ outcome: "ALLOWED", memberId: thread.memberId, recordType: "emergencyAccess", recordId: grant.id, reason: null });
    expect(audit.details).toEqual({ threadId: thread.id, requesterId: bea.userId, withNote: true });

    expect((await listEmergencyAccesses(compliance)).items.map((i) => i.id)).not.toContain(grant.id);
    expect((await listEmergencyAccesses(compliance, { status: "all", limit: 200 })).items.map((i) => i.id)).toContain(grant.id);
    // Reviewing does not end the access; it only closes the review.
    expect(await db.emergencyAccess.count({ where: { id: grant.id, expiresAt: { gt: new Date() } } })).toBe(1);
  });

  it("answers CONFLICT to a second review, also when two reviews race", async () => {
    const compliance = await actorFor("compliance@demo.test");
    const { grant } = await grantTo("nurse@demo.test");
    const results = await Promise.allSettled([reviewEmergencyAccess(compliance, grant.id, { note: "a" }), reviewEmergencyAccess(compliance, grant.id, { note: "b" })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    await expect(reviewEmergencyAccess(compliance, grant.id, {})).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("answers NOT_FOUND for an unknown or malformed id, audited", async () => {
    const db = await getDb();
    const compliance = await actorFor("compliance@demo.test");
    for (const id of [randomUUID(), "nope"]) {
      await expect(reviewEmergencyAccess(compliance, id, {})).rejects.toMatchObject({ code: "NOT_FOUND" });
      const denied = await db.auditLog.findFirstOrThrow({ where: { actorId: compliance.userId, action: "emergencyAccess.review", outcome: "DENIED" }, orderBy: { id: "desc" } });
      expect(denied.recordId).toBe(id);
    }
  });

  it("pages with a cursor, newest first", async () => {
    const compliance = await actorFor("compliance@demo.test");
    await grantTo("guide@demo.test");
    await grantTo("guide@demo.test");
    const first = await listEmergencyAccesses(compliance, { status: "all", limit: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = await listEmergencyAccesses(compliance, { status: "all", limit: 1, cursor: first.nextCursor! });
    expect(second.items[0]!.createdAt <= first.items[0]!.createdAt).toBe(true);
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
  });

  it("is for compliance only: the list is FORBIDDEN and a review NOT_FOUND for everyone else, audited", async () => {
    const db = await getDb();
    const { grant } = await grantTo("guide.b@demo.test");
    for (const email of ["guide2@demo.test", "nurse@demo.test", "member@demo.test", "admin@demo.test"]) {
      const actor = await actorFor(email);
      await expect(listEmergencyAccesses(actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(reviewEmergencyAccess(actor, grant.id, {})).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(await db.auditLog.count({ where: { actorId: actor.userId, action: "emergencyAccess.review", outcome: "DENIED", recordId: grant.id } })).toBe(1);
    }
    expect(await db.emergencyAccess.count({ where: { id: grant.id, reviewedAt: null } })).toBe(1);
  });
});
