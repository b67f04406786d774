import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { sendMessage } from "../messages/send-message";
import { createThread } from "../threads/create-thread";
import { listQueueTickets } from "../tickets/list-queue-tickets";
import { createMember, createStaff, createTeam, createTicket, type TeamFixture } from "../tickets/test-fixtures";
import { getTeamSla } from "./get-team-sla";
import { loadSlaCalendars } from "./load-sla-calendars";
import { queueSlaFor } from "./queue-sla";
import { computeSlaDue } from "./sla-due";
import { unsafeSweepSlaBreaches } from "./unsafe-sweep-sla-breaches";
import { updateTeamSla } from "./update-team-sla";

let team: TeamFixture;
let admin: Actor;
let guide: Actor;
let nurse: Actor;
let member: Actor;

const cid = () => `c${randomUUID().replaceAll("-", "")}`;
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

async function backdate(ticketId: string, since: Date): Promise<void> {
  const db = await getDb();
  await db.ticket.update({ where: { id: ticketId }, data: { waitingSince: since } });
}

async function breaches(ticketId: string) {
  const db = await getDb();
  return db.ticketEvent.findMany({ where: { ticketId, type: "SLA_BREACHED" }, orderBy: { createdAt: "asc" } });
}

async function alerts(ticketId: string) {
  const db = await getDb();
  return db.notification.findMany({ where: { ticketId, type: "SLA_BREACH" }, select: { userId: true } });
}

async function newTicket() {
  const { thread } = await createThread(member, { subject: "Question about my prescription", body: "Is it covered?", clientMessageId: cid() });
  return { threadId: thread.id, ticketId: thread.ticket!.id };
}

beforeAll(async () => {
  team = await createTeam(); // no hours: around the clock
  const g = await createStaff("CARE_GUIDE", [team.teamId]);
  const n = await createStaff("NURSE", [team.teamId]);
  const m = await createMember(team.teamId);
  [admin, guide, nurse, member] = await Promise.all([actorFor("admin@demo.test"), actorFor(g.email), actorFor(n.email), actorFor(m.email)]);
});

describe("response targets", () => {
  it("admins set them per priority; other roles cannot (404, audited)", async () => {
    const view = await updateTeamSla(admin, team.teamId, {
      policies: [
        { priority: "NORMAL", firstResponseMinutes: 5, nextResponseMinutes: 10 },
        { priority: "URGENT", firstResponseMinutes: 1, nextResponseMinutes: 2 },
      ],
    });
    expect(view.policies.map((p) => p.priority)).toEqual(["NORMAL", "URGENT"]);
    // Replacing drops a priority left out.
    const after = await updateTeamSla(admin, team.teamId, { policies: [{ priority: "NORMAL", firstResponseMinutes: 5, nextResponseMinutes: 10 }] });
    expect(after.policies).toEqual([{ priority: "NORMAL", firstResponseMinutes: 5, nextResponseMinutes: 10 }]);
    expect((await getTeamSla(admin, team.teamId)).policies).toHaveLength(1);

    await expect(updateTeamSla(guide, team.teamId, { policies: [] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getTeamSla(guide, team.teamId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(updateTeamSla(admin, team.teamId, { policies: [{ priority: "NORMAL", firstResponseMinutes: 0, nextResponseMinutes: 10 }] })).rejects.toThrow();
    const db = await getDb();
    expect(await db.auditLog.count({ where: { actorId: admin.userId, action: "team.sla.update", recordId: team.teamId } })).toBe(2);
    expect(await db.auditLog.count({ where: { actorId: guide.userId, action: "team.manage", outcome: "DENIED" } })).toBeGreaterThan(0);
  });

  it("shows time left, then overdue, in the queue", async () => {
    const { ticketId } = await newTicket();
    const fresh = (await listQueueTickets(guide, { view: "all", limit: 200 })).items.find((t) => t.id === ticketId)!;
    expect(fresh.sla?.kind).toBe("first_response");
    expect(new Date(fresh.sla!.dueAt).getTime()).toBeGreaterThan(Date.now());

    await backdate(ticketId, minutesAgo(6));
    const late = (await listQueueTickets(guide, { view: "all", limit: 200 })).items.find((t) => t.id === ticketId)!;
    expect(new Date(late.sla!.dueAt).getTime()).toBeLessThan(Date.now());
  });

  it("records a breach once per waiting period and alerts the team once", async () => {
    const { threadId, ticketId } = await newTicket();
    await unsafeSweepSlaBreaches();
    expect(await breaches(ticketId)).toEqual([]); // not due yet

    const since = minutesAgo(6);
    await backdate(ticketId, since);
    // Two instances sweeping at once still record it once.
    await Promise.all([unsafeSweepSlaBreaches(), unsafeSweepSlaBreaches()]);
    await unsafeSweepSlaBreaches();
    const first = await breaches(ticketId);
    expect(first.map((e) => [e.actorId, e.fromValue, e.toValue])).toEqual([[null, since.toISOString(), "first_response"]]);
    expect((await alerts(ticketId)).map((a) => a.userId).sort()).toEqual([guide.userId, nurse.userId].sort());

    // A reply ends the period; the member writes again: a new period, with the next-response target.
    await sendMessage(guide, threadId, { body: "Yes, it is covered.", clientMessageId: cid(), ticketStatus: "OPEN" });
    await sendMessage(member, threadId, { body: "Thanks, and the dose?", clientMessageId: cid() });
    await unsafeSweepSlaBreaches();
    expect(await breaches(ticketId)).toHaveLength(1);
    await backdate(ticketId, minutesAgo(11));
    await unsafeSweepSlaBreaches();
    await unsafeSweepSlaBreaches();
    const both = await breaches(ticketId);
    expect(both.map((e) => e.toValue)).toEqual(["first_response", "next_response"]);
    expect(await alerts(ticketId)).toHaveLength(4);
  });

  // The queue page reads the calendars inside its own statement, a live queue row through
  // queueSlaFor, the sweep through loadSlaCalendars: one answer for all three.
  it("gives the same target in the queue page, a live queue row and the sweep, in a team's hours and zone", async () => {
    const db = await getDb();
    const zoned = await createTeam();
    await db.team.update({
      where: { id: zoned.teamId },
      data: { timeZone: "America/New_York", hours: [1, 2, 3, 4, 5].map((day) => ({ day, start: "09:00", end: "17:30" })) },
    });
    await updateTeamSla(admin, zoned.teamId, {
      policies: [
        { priority: "NORMAL", firstResponseMinutes: 600, nextResponseMinutes: 45 },
        { priority: "HIGH", firstResponseMinutes: 30, nextResponseMinutes: 20 },
      ],
    });
    const staff = await actorFor((await createStaff("CARE_GUIDE", [zoned.teamId])).email);
    const m = await createMember(zoned.teamId);
    const make = (fields: Partial<Parameters<typeof createTicket>[0]>) =>
      createTicket({ teamId: zoned.teamId, queueId: zoned.queueId, memberId: m.id, status: "OPEN", waitingSince: minutesAgo(90), ...fields });
    const ids = [
      (await make({ priority: "NORMAL" })).ticketId,
      (await make({ priority: "HIGH", waitingSince: new Date("2026-03-06T21:00:00Z") })).ticketId, // a Friday evening, before the clocks change
      (await make({ priority: "URGENT" })).ticketId, // no target for the priority
      (await make({ status: "PENDING" })).ticketId, // nobody waits
    ];
    await db.ticket.update({ where: { id: ids[0] }, data: { firstResponseAt: minutesAgo(100) } });

    const { items } = await listQueueTickets(staff, { view: "all" });
    const rows = await db.ticket.findMany({ where: { id: { in: ids } }, select: { id: true, teamId: true, status: true, priority: true, waitingSince: true, firstResponseAt: true } });
    const live = await queueSlaFor(rows);
    const calendar = (await loadSlaCalendars(db, [zoned.teamId])).get(zoned.teamId);
    for (const row of rows) {
      const due = computeSlaDue(row, calendar);
      const expected = due ? { kind: due.kind, dueAt: due.dueAt.toISOString() } : null;
      expect(items.find((i) => i.id === row.id)!.sla).toEqual(expected);
      expect(live.get(row.id) ?? null).toEqual(expected);
    }
    expect(items.filter((i) => i.sla).map((i) => i.sla!.kind).sort()).toEqual(["first_response", "next_response"]);
  });

  it("pauses on hold and ignores tickets nobody waits on", async () => {
    const { ticketId } = await newTicket();
    const db = await getDb();
    await db.ticket.update({ where: { id: ticketId }, data: { status: "ON_HOLD", waitingSince: minutesAgo(60) } });
    await unsafeSweepSlaBreaches();
    expect(await breaches(ticketId)).toEqual([]);
  });
});
