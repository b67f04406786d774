/**
 * ⚠ SECURITY: threadScopeSql must select exactly the threads threadWhereForActor (Prisma)
 * selects, for every kind of actor and every branch: own thread, team, collaboration active
 * or removed, emergency access running, ended or expired, roles that reach nothing. The raw
 * hot paths (messages, send, queue) rely on it.
 */
import { describe, expect, it } from "vitest";
import { actorFor } from "../../test/actors";
import { getDb, getSql } from "../db/client";
import { createMember, createStaff, createTeam } from "../domain/tickets/test-fixtures";
import { uuid7 } from "../domain/shared/uuid7";
import type { Actor } from "./actor";
import { threadWhereForActor } from "./scopes";
import { threadScopeParams, threadScopeSql } from "./thread-scope-sql";

const hour = 3_600_000;

/** Two teams, two members, staff in either or both or none, and a thread for each branch. */
async function fixture() {
  const db = await getDb();
  const [a, b] = [await createTeam(), await createTeam()];
  const [m1, m2] = [await createMember(a.teamId), await createMember(b.teamId)];
  const guide = await createStaff("CARE_GUIDE", [a.teamId]);
  const otherGuide = await createStaff("CARE_GUIDE", [b.teamId]);
  const nurse = await createStaff("NURSE", [a.teamId, b.teamId]);
  const teamless = await createStaff("PHYSICIAN", []);

  const threads: Record<string, string> = {};
  const thread = async (name: string, memberId: string, teamId: string | null) => {
    threads[name] = uuid7();
    await db.thread.create({ data: { id: threads[name], memberId, teamId, subject: `Scope ${name}` } });
    return threads[name];
  };
  await thread("m1TeamA", m1.id, a.teamId);
  await thread("m1TeamB", m1.id, b.teamId);
  await thread("m1Triage", m1.id, null);
  await thread("m2Plain", m2.id, b.teamId);
  const collab = await thread("m2Collab", m2.id, b.teamId);
  const removed = await thread("m2CollabRemoved", m2.id, b.teamId);
  const othersCollab = await thread("m2OthersCollab", m2.id, b.teamId);
  const running = await thread("m2EmergencyRunning", m2.id, b.teamId);
  const ended = await thread("m2EmergencyEnded", m2.id, b.teamId);
  const expired = await thread("m2EmergencyExpired", m2.id, b.teamId);
  const othersEmergency = await thread("m2OthersEmergency", m2.id, b.teamId);
  // An inconsistent row: a staff user as a thread's member. The member branch is for the
  // MEMBER role only, so nobody reaches it.
  await thread("staffAsMember", guide.id, null);

  const now = Date.now();
  await db.threadCollaborator.createMany({
    data: [
      { threadId: collab, userId: guide.id, addedById: otherGuide.id, reason: "mention" },
      { threadId: removed, userId: guide.id, addedById: otherGuide.id, reason: "mention", removedAt: new Date(now - hour), removedById: otherGuide.id },
      { threadId: othersCollab, userId: teamless.id, addedById: otherGuide.id, reason: "mention" },
    ],
  });
  await db.emergencyAccess.createMany({
    data: [
      { threadId: running, userId: guide.id, reason: "urgent", expiresAt: new Date(now + hour) },
      { threadId: ended, userId: guide.id, reason: "urgent", expiresAt: new Date(now + hour), endedAt: new Date(now - 60_000) },
      { threadId: expired, userId: guide.id, reason: "urgent", expiresAt: new Date(now - 60_000) },
      { threadId: othersEmergency, userId: teamless.id, reason: "urgent", expiresAt: new Date(now + hour) },
    ],
  });
  return { threads, m1, m2, guide, otherGuide, nurse, teamless };
}

async function viaSql(actor: Actor, now: Date, within: string[]): Promise<string[]> {
  const sql = await getSql();
  const rows = await sql<{ id: string }>(
    `SELECT th.id::text AS id FROM threads th WHERE th.id = ANY($5::uuid[]) AND ${threadScopeSql("th", { actorId: 1, role: 2, teamIds: 3, now: 4 })}`,
    [...threadScopeParams(actor, now), within],
  );
  return rows.map((r) => r.id).sort();
}

async function viaPrisma(actor: Actor, now: Date, within: string[]): Promise<string[]> {
  const db = await getDb();
  const rows = await db.thread.findMany({ where: { AND: [{ id: { in: within } }, threadWhereForActor(actor, now)] }, select: { id: true } });
  return rows.map((r) => r.id).sort();
}

describe("threadScopeSql", () => {
  it("selects exactly the threads threadWhereForActor selects, branch by branch", async () => {
    const f = await fixture();
    const t = f.threads;
    const all = Object.values(t);
    const names = (ids: string[]) => ids.map((id) => Object.keys(t).find((k) => t[k] === id)).sort();
    const b = ["m1TeamB", "m2Plain", "m2Collab", "m2CollabRemoved", "m2OthersCollab", "m2EmergencyRunning", "m2EmergencyEnded", "m2EmergencyExpired", "m2OthersEmergency"];
    const expected: [string, Actor, string[]][] = [
      ["member (own threads, any team or none)", await actorFor(f.m1.email), ["m1TeamA", "m1TeamB", "m1Triage"]],
      ["member 2", await actorFor(f.m2.email), b.filter((n) => n.startsWith("m2"))],
      // Team A; on team B only the active collaboration and the running emergency access.
      ["care guide", await actorFor(f.guide.email), ["m1TeamA", "m2Collab", "m2EmergencyRunning"]],
      ["care guide of team B", await actorFor(f.otherGuide.email), b],
      ["nurse of both teams (never the triage thread)", await actorFor(f.nurse.email), ["m1TeamA", ...b]],
      ["physician of no team (a collaboration, an emergency access)", await actorFor(f.teamless.email), ["m2OthersCollab", "m2OthersEmergency"]],
      ["admin", await actorFor("admin@demo.test"), []],
      ["compliance", await actorFor("compliance@demo.test"), []],
    ];
    const now = new Date();
    for (const [who, actor, threads] of expected) {
      const sqlIds = await viaSql(actor, now, all);
      expect({ who, threads: names(sqlIds) }).toEqual({ who, threads: [...threads].sort() });
      expect({ who, ids: sqlIds }).toEqual({ who, ids: await viaPrisma(actor, now, all) });
    }
  });

  it("ends an emergency access at its expiry for both forms (the `now` parameter)", async () => {
    const f = await fixture();
    const guide = await actorFor(f.guide.email);
    const all = Object.values(f.threads);
    const later = new Date(Date.now() + 2 * hour);
    const ids = await viaSql(guide, later, all);
    expect(ids).toEqual(await viaPrisma(guide, later, all));
    expect(ids).not.toContain(f.threads.m2EmergencyRunning);
    expect(ids).toContain(f.threads.m2Collab);
  });

  it("agrees with threadWhereForActor over every thread in the database, for the demo actors", async () => {
    const db = await getDb();
    const all = (await db.thread.findMany({ select: { id: true } })).map((r) => r.id);
    const now = new Date();
    for (const email of ["member@demo.test", "guide@demo.test", "nurse@demo.test", "doctor@demo.test", "guide2@demo.test", "admin@demo.test", "compliance@demo.test"]) {
      const actor = await actorFor(email);
      expect({ email, ids: await viaSql(actor, now, all) }).toEqual({ email, ids: await viaPrisma(actor, now, all) });
    }
  });

  it("refuses an alias that is not a plain identifier", () => {
    expect(() => threadScopeSql("th; DROP TABLE threads", { actorId: 1, role: 2, teamIds: 3, now: 4 })).toThrow();
  });
});
