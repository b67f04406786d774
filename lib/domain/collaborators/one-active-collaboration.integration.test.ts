// Issue 9, item 10: simultaneous mentions of one person must leave one active collaboration
// (a unique index), one collaborator.add audit row, and every note and notification.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { unknownOrigin } from "../../access/actor";
import { getDb } from "../../db/client";
import { unsafeLoadActor } from "../auth/unsafe-load-actor";
import { sendMessage } from "../messages/send-message";
import { createMember, createStaff, createTeam, createTicket } from "../tickets/test-fixtures";

async function actorOf(userId: string) {
  const actor = await unsafeLoadActor(userId, { ...unknownOrigin, ip: "127.0.0.1" });
  if (!actor) throw new Error("no actor");
  return actor;
}

/** A thread of a team of its own, its care guide, and a nurse of another team that serves the member (mentionable, not yet reaching it). */
async function threadGuideAndNurse() {
  const db = await getDb();
  const [home, serving] = [await createTeam(), await createTeam()];
  const member = await createMember(home.teamId);
  await db.memberServiceTeam.create({ data: { memberId: member.id, teamId: serving.teamId } });
  const { threadId } = await createTicket({ ...home, memberId: member.id });
  const guide = await actorOf((await createStaff("CARE_GUIDE", [home.teamId])).id);
  const nurse = await createStaff("NURSE", [serving.teamId]);
  return { threadId, guide, nurse };
}

describe("one active collaboration per person and thread", () => {
  it("20 simultaneous notes mentioning the same nurse: all sent, one collaboration, one collaborator.add, 20 notifications", async () => {
    const db = await getDb();
    const { threadId, guide, nurse } = await threadGuideAndNurse();
    const sends = await Promise.all(
      Array.from({ length: 20 }, (_, i) => sendMessage(guide, threadId, { body: `Please look, ${i}`, clientMessageId: randomUUID(), visibility: "internal", mentions: [nurse.id] })),
    );
    expect(sends.every((s) => s.created)).toBe(true);
    expect(await db.threadCollaborator.count({ where: { threadId, userId: nurse.id, removedAt: null } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "collaborator.add", recordId: threadId } })).toBe(1);
    expect(await db.notification.count({ where: { userId: nurse.id, threadId, type: "MENTION" } })).toBe(20);
  });

  it("is a database rule: 20 connections inserting an active collaboration directly leave one", async () => {
    const db = await getDb();
    const { threadId, guide, nurse } = await threadGuideAndNurse();
    const insert = async () => {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      try {
        await client.query("INSERT INTO thread_collaborators (id, thread_id, user_id, added_by_id, reason) VALUES ($1, $2, $3, $4, 'test')", [randomUUID(), threadId, nurse.id, guide.userId]);
        return true;
      } catch (error) {
        expect((error as { code?: string }).code).toBe("23505");
        return false;
      } finally {
        await client.end();
      }
    };
    expect((await Promise.all(Array.from({ length: 20 }, insert))).filter(Boolean)).toHaveLength(1);
    // Ended collaborations are history: a new one may follow.
    await db.threadCollaborator.updateMany({ where: { threadId, userId: nurse.id }, data: { removedAt: new Date() } });
    expect(await insert()).toBe(true);
  });
});
