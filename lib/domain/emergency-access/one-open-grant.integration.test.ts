// Issue 9, item 10: concurrent emergency requests must not stack grants — one running grant
// per person and thread, enforced by the database — and a duplicate answers the running
// grant without spending the hourly budget. Real PostgreSQL; "two instances" are two
// Prisma clients with pools of their own on the same database.
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { unknownOrigin } from "../../access/actor";
import { getDb } from "../../db/client";
import { PrismaClient } from "../../db/generated/client";
import { unsafeLoadActor } from "../auth/unsafe-load-actor";
import { getThread } from "../threads/get-thread";
import { createMember, createStaff, createTeam, createTicket } from "../tickets/test-fixtures";
import { grantEmergencyAccess } from "./grant-emergency-access";
import { recentGrantCount } from "./rate-limit";
import { requestEmergencyAccess } from "./request-emergency-access";

const reason = "Member called the nurse line with chest pain; need the history now.";
const secondInstance = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: 10 }) });
afterAll(() => secondInstance.$disconnect());

async function actorOf(userId: string) {
  const actor = await unsafeLoadActor(userId, { ...unknownOrigin, ip: "127.0.0.1" });
  if (!actor) throw new Error("no actor");
  return actor;
}

/** A thread of a team of its own, and a nurse of another team who needs it. */
async function outsiderAndThread() {
  const [home, other] = [await createTeam(), await createTeam()];
  const member = await createMember(home.teamId);
  const { threadId } = await createTicket({ ...home, memberId: member.id });
  const nurse = await actorOf((await createStaff("NURSE", [other.teamId])).id);
  return { nurse, threadId, memberId: member.id };
}

describe("one running emergency access per person and thread", () => {
  it("20 simultaneous requests give one grant, answered to all of them, and spend one of the hour's five", async () => {
    const db = await getDb();
    const { nurse, threadId } = await outsiderAndThread();
    const results = await Promise.all(Array.from({ length: 20 }, () => requestEmergencyAccess(nurse, threadId, { reason })));
    expect(new Set(results.map((r) => r.grant.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db.emergencyAccess.count({ where: { userId: nurse.userId, threadId } })).toBe(1);
    expect(await db.auditLog.count({ where: { actorId: nurse.userId, action: "emergencyAccess.grant" } })).toBe(1);
    expect(await recentGrantCount(db, nurse.userId, new Date())).toBe(1);
    await expect(getThread(nurse, threadId)).resolves.toMatchObject({ access: { via: "emergency", expiresAt: results[0]!.grant.expiresAt } });
  });

  it("holds across two app instances writing at once", async () => {
    const db = await getDb();
    const { nurse, threadId, memberId } = await outsiderAndThread();
    const now = new Date();
    const grant = { threadId, memberId, reason, now, expiresAt: new Date(now.getTime() + 30 * 60_000) };
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => grantEmergencyAccess(i % 2 === 0 ? db : secondInstance, nurse, grant)));
    expect(outcomes.filter((o) => o.kind === "granted")).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === "existing")).toHaveLength(19);
    expect(await db.emergencyAccess.count({ where: { userId: nurse.userId, threadId } })).toBe(1);
  });

  it("is a database rule: 20 connections inserting an open grant directly leave one", async () => {
    const db = await getDb();
    const { nurse, threadId } = await outsiderAndThread();
    const insert = async () => {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      try {
        await client.query("INSERT INTO emergency_accesses (id, user_id, thread_id, reason, expires_at) VALUES ($1, $2, $3, $4, now() + interval '30 minutes')", [
          randomUUID(),
          nurse.userId,
          threadId,
          reason,
        ]);
        return true;
      } catch (error) {
        expect((error as { code?: string }).code).toBe("23505");
        return false;
      } finally {
        await client.end();
      }
    };
    const inserted = await Promise.all(Array.from({ length: 20 }, insert));
    expect(inserted.filter(Boolean)).toHaveLength(1);
    expect(await db.emergencyAccess.count({ where: { userId: nurse.userId, threadId, endedAt: null } })).toBe(1);
  });

  it("after a grant expires, a new request closes it and opens a new one", async () => {
    const db = await getDb();
    const { nurse, threadId } = await outsiderAndThread();
    const first = await requestEmergencyAccess(nurse, threadId, { reason });
    await db.emergencyAccess.update({ where: { id: first.grant.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(getThread(nurse, threadId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const second = await requestEmergencyAccess(nurse, threadId, { reason });
    expect(second.created).toBe(true);
    expect(second.grant.id).not.toBe(first.grant.id);
    expect((await db.emergencyAccess.findUniqueOrThrow({ where: { id: first.grant.id } })).endedAt).not.toBeNull();
    expect(await recentGrantCount(db, nurse.userId, new Date())).toBe(2);
  });

  it("an ended grant opens nothing, even before it expires", async () => {
    const db = await getDb();
    const { nurse, threadId } = await outsiderAndThread();
    const { grant } = await requestEmergencyAccess(nurse, threadId, { reason });
    await db.emergencyAccess.update({ where: { id: grant.id }, data: { endedAt: new Date() } });
    await expect(getThread(nurse, threadId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("over the hour's limit, asking again for a thread whose grant still runs answers that grant", async () => {
    const db = await getDb();
    const { nurse, threadId } = await outsiderAndThread();
    const { grant } = await requestEmergencyAccess(nurse, threadId, { reason });
    const others = await Promise.all([1, 2, 3, 4].map(() => outsiderAndThread()));
    for (const o of others) await requestEmergencyAccess(nurse, o.threadId, { reason });
    expect(await recentGrantCount(db, nurse.userId, new Date())).toBe(5);
    await expect(requestEmergencyAccess(nurse, threadId, { reason })).resolves.toEqual({ grant, created: false });
    const fresh = await outsiderAndThread();
    await expect(requestEmergencyAccess(nurse, fresh.threadId, { reason })).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });
});
