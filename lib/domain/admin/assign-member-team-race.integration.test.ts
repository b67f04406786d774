// Review finding 3: a new conversation must never land with the member's former team. The
// race is made deterministic with a lock held by another session: the move is stopped inside
// its transaction (a row it must update is locked), a new conversation is started meanwhile,
// then the lock is released. Real PostgreSQL, real domain operations.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { unknownOrigin, type Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { unsafeLoadActor } from "../auth/unsafe-load-actor";
import { createThread } from "../threads/create-thread";
import { createMember, createTeam, createTicket } from "../tickets/test-fixtures";
import { assignMemberTeam } from "./assign-member-team";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until some session of this database waits on a lock (the operation reached the held row). */
async function untilSomeoneWaits(su: pg.Client, atLeast = 1): Promise<void> {
  for (let i = 0; i < 100; i++) {
    // `su` polls from inside its own transaction, where pg_stat_activity is a snapshot taken
    // at its first read and kept to the end: drop it first, or a first poll that came too
    // early would be repeated unchanged until the time-out (a CI failure under load).
    await su.query("SELECT pg_stat_clear_snapshot()");
    const { rows } = await su.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
    );
    if ((rows[0]?.n ?? 0) >= atLeast) return;
    await sleep(50);
  }
  throw new Error("nobody waited on the held lock");
}

describe("assignMemberTeam racing a new conversation", () => {
  it("the conversation started while the move is under way ends with the new team (ticket in its queue)", async () => {
    const admin = await actorFor("admin@demo.test");
    const [from, to] = [await createTeam(), await createTeam()];
    const member = await createMember(from.teamId);
    const existing = await createTicket({ ...from, memberId: member.id, status: "OPEN" });
    const memberActor = (await unsafeLoadActor(member.id, unknownOrigin)) as Actor;

    const su = new pg.Client({ connectionString: inject("databaseUrl") });
    await su.connect();
    try {
      // Another session holds the existing thread's row: the move stops at it.
      await su.query("BEGIN");
      await su.query("SELECT 1 FROM threads WHERE id = $1 FOR UPDATE", [existing.threadId]);
      const move = assignMemberTeam(admin, member.id, { teamId: to.teamId });
      await untilSomeoneWaits(su);

      // The member writes meanwhile.
      const create = createThread(memberActor, { body: "A new question", clientMessageId: randomUUID() });
      await sleep(500);
      await su.query("COMMIT");

      const [moved, created] = await Promise.all([move, create]);
      expect(moved.toTeamId).toBe(to.teamId);
      const db = await getDb();
      const thread = await db.thread.findUniqueOrThrow({ where: { id: created.thread.id }, select: { teamId: true, tickets: { select: { queueId: true, teamId: true } } } });
      expect(thread.teamId).toBe(to.teamId);
      expect(thread.tickets).toEqual([{ queueId: to.queueId, teamId: to.teamId }]);
      // Nothing of hers is left with the former team.
      expect(await db.thread.count({ where: { memberId: member.id, teamId: from.teamId } })).toBe(0);
      expect(await db.ticket.count({ where: { thread: { memberId: member.id }, teamId: from.teamId } })).toBe(0);
    } finally {
      await su.query("ROLLBACK").catch(() => undefined);
      await su.end();
    }
  });

  it("a conversation whose write is under way when the move starts moves with the others", async () => {
    const admin = await actorFor("admin@demo.test");
    const [from, to] = [await createTeam(), await createTeam()];
    const member = await createMember(from.teamId);
    await createTicket({ ...from, memberId: member.id, status: "OPEN" });
    const memberActor = (await unsafeLoadActor(member.id, unknownOrigin)) as Actor;

    const su = new pg.Client({ connectionString: inject("databaseUrl") });
    await su.connect();
    try {
      // Another session holds the old team's queue row: the new conversation's ticket (which
      // references it) waits there, mid-batch, after its guard on the profile.
      await su.query("BEGIN");
      await su.query("SELECT 1 FROM queues WHERE id = $1 FOR UPDATE", [from.queueId]);
      const create = createThread(memberActor, { body: "Written just before the move", clientMessageId: randomUUID() });
      await untilSomeoneWaits(su);
      const move = assignMemberTeam(admin, member.id, { teamId: to.teamId });
      await untilSomeoneWaits(su, 2);
      await su.query("COMMIT");

      const [moved, created] = await Promise.all([move, create]);
      expect(moved.movedThreads).toBe(2);
      const db = await getDb();
      const thread = await db.thread.findUniqueOrThrow({ where: { id: created.thread.id }, select: { teamId: true, tickets: { select: { queueId: true, teamId: true } } } });
      expect(thread.teamId).toBe(to.teamId);
      expect(thread.tickets).toEqual([{ queueId: to.queueId, teamId: to.teamId }]);
      expect(await db.thread.count({ where: { memberId: member.id, teamId: from.teamId } })).toBe(0);
    } finally {
      await su.query("ROLLBACK").catch(() => undefined);
      await su.end();
    }
  });
});
