// Review finding 6: ending a person's borrowed access (collaborations, emergency accesses)
// must end every such row that exists when the change commits — not only the ones read
// before. The race is made deterministic with a lock another session holds on the person's
// row: deactivation has read what it read and waits; a mention and an emergency access are
// committed meanwhile; then the lock is released. Each ended row has its audit row.
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { getDb } from "../../db/client";
import { createMember, createStaff, createTeam, createTicket } from "../tickets/test-fixtures";
import { deactivateUser } from "./deactivate-user";
import { removeTeamMembership } from "./remove-team-membership";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function untilSomeoneWaits(su: pg.Client): Promise<void> {
  for (let i = 0; i < 100; i++) {
    // `su` polls from inside its own transaction, where pg_stat_activity is a snapshot taken
    // at its first read and kept to the end: drop it first, or a first poll that came too
    // early would be repeated unchanged until the time-out (a CI failure under load).
    await su.query("SELECT pg_stat_clear_snapshot()");
    const { rows } = await su.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
    );
    if ((rows[0]?.n ?? 0) > 0) return;
    await sleep(50);
  }
  throw new Error("nobody waited on the held lock");
}

async function withHeldRow<T>(sql: string, params: unknown[], during: (su: pg.Client) => Promise<T>): Promise<T> {
  const su = new pg.Client({ connectionString: inject("databaseUrl") });
  await su.connect();
  try {
    await su.query("BEGIN");
    await su.query(sql, params);
    return await during(su);
  } finally {
    await su.query("ROLLBACK").catch(() => undefined);
    await su.end();
  }
}

async function scenario() {
  const team = await createTeam();
  const other = await createTeam();
  const nurse = await createStaff("NURSE", [team.teamId]);
  const guide = await createStaff("CARE_GUIDE", [team.teamId]);
  const member = await createMember(team.teamId);
  const known = await createTicket({ ...team, memberId: member.id, status: "OPEN" });
  const late = await createTicket({ ...team, memberId: member.id, status: "OPEN" });
  const elsewhere = await createTicket({ ...other, memberId: member.id, status: "OPEN" });
  const db = await getDb();
  await db.threadCollaborator.create({ data: { threadId: known.threadId, userId: nurse.id, addedById: guide.id, reason: "known before" } });
  return { db, team, other, nurse, guide, member, known, late, elsewhere };
}

describe("ending borrowed access racing a new collaboration or emergency access", () => {
  it("deactivation ends the rows committed while it waited, each with its audit row", async () => {
    const admin = await actorFor("admin@demo.test");
    const s = await scenario();
    await withHeldRow("SELECT 1 FROM users WHERE id = $1 FOR NO KEY UPDATE", [s.nurse.id], async (su) => {
      const deactivation = deactivateUser(admin, s.nurse.id);
      await untilSomeoneWaits(su);
      // The mention and the emergency access commit while deactivation waits (they took no lock of the person's).
      await s.db.threadCollaborator.create({ data: { threadId: s.late.threadId, userId: s.nurse.id, addedById: s.guide.id, reason: "added meanwhile" } });
      await s.db.emergencyAccess.create({ data: { threadId: s.elsewhere.threadId, userId: s.nurse.id, reason: "meanwhile", expiresAt: new Date(Date.now() + 3_600_000) } });
      return { deactivation };
    }).then(async ({ deactivation }) => deactivation);

    expect(await s.db.threadCollaborator.count({ where: { userId: s.nurse.id, removedAt: null } })).toBe(0);
    expect(await s.db.emergencyAccess.count({ where: { userId: s.nurse.id, endedAt: null } })).toBe(0);
    const audited = await s.db.auditLog.findMany({ where: { action: { in: ["collaborator.remove", "emergencyAccess.end"] }, details: { path: ["userId"], equals: s.nurse.id } }, select: { action: true, recordId: true, memberId: true } });
    expect(audited.map((a) => `${a.action} ${a.recordId}`).sort()).toEqual(
      [`collaborator.remove ${s.known.threadId}`, `collaborator.remove ${s.late.threadId}`, `emergencyAccess.end ${s.elsewhere.threadId}`].sort(),
    );
    expect(audited.every((a) => a.memberId === s.member.id)).toBe(true);
    // Open consoles hear of each ended collaboration.
    expect(await s.db.outboxEvent.count({ where: { type: "collaborator.removed", userId: s.nurse.id } })).toBe(2);
  });

  it("leaving one team ends only that team's borrowed access, including rows committed meanwhile", async () => {
    const admin = await actorFor("admin@demo.test");
    const s = await scenario();
    await (await getDb()).teamMembership.create({ data: { teamId: s.other.teamId, userId: s.nurse.id } });
    const removal = await withHeldRow("SELECT 1 FROM team_memberships WHERE team_id = $1 AND user_id = $2 FOR UPDATE", [s.team.teamId, s.nurse.id], async (su) => {
      const pending = removeTeamMembership(admin, s.nurse.id, s.team.teamId);
      await untilSomeoneWaits(su);
      await s.db.threadCollaborator.create({ data: { threadId: s.late.threadId, userId: s.nurse.id, addedById: s.guide.id, reason: "added meanwhile" } });
      await s.db.threadCollaborator.create({ data: { threadId: s.elsewhere.threadId, userId: s.nurse.id, addedById: s.guide.id, reason: "other team" } });
      return { pending };
    });
    await removal.pending;
    const active = await s.db.threadCollaborator.findMany({ where: { userId: s.nurse.id, removedAt: null }, select: { threadId: true } });
    expect(active.map((a) => a.threadId)).toEqual([s.elsewhere.threadId]);
  });
});
