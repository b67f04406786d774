import { describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { getDb } from "../../db/client";
import { getTicket } from "./get-ticket";

async function demoTicket(teamName: string, subject: string) {
  const db = await getDb();
  return db.ticket.findFirstOrThrow({
    where: { team: { name: teamName }, thread: { subject } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, threadId: true, status: true, thread: { select: { memberId: true } } },
  });
}

const deniedCount = async (actorId: string, action: string, recordId: string) =>
  (await getDb()).auditLog.count({ where: { actorId, action, outcome: "DENIED", recordId } });

describe("getTicket", () => {
  it("shows a team's ticket with its events (newest last, with actor names) and the team's staff", async () => {
    const db = await getDb();
    const guide = await actorFor("guide@demo.test");
    const ticket = await demoTicket("Sunrise", "Refill for my inhaler");
    const detail = await getTicket(guide, ticket.id);

    expect(detail).toMatchObject({ id: ticket.id, threadId: ticket.threadId, status: ticket.status });
    for (const key of ["id", "threadId", "teamId", "queueId", "status", "priority", "assigneeId", "caseType", "createdAt", "firstResponseAt", "waitingSince", "lastActivityAt", "followUpOfId"]) {
      expect(detail).toHaveProperty(key);
    }
    expect(detail.assignee).toEqual({ id: detail.assigneeId, name: "Gabriel Ortiz" });

    const events = await db.ticketEvent.findMany({ where: { ticketId: ticket.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { actor: true } });
    expect(detail.events.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(detail.events.length).toBeGreaterThan(1);
    const times = detail.events.map((e) => e.createdAt);
    expect([...times].sort()).toEqual(times);
    expect(detail.events[0]).toMatchObject({ type: "CREATED", actor: { id: ticket.thread.memberId, name: "Maya Patel" } });
    for (const e of detail.events) expect(e.actor?.name ?? null).toBe(events.find((x) => x.id === e.id)!.actor?.name ?? null);

    // Active staff of the owning team, by name (other tests may add people to Sunrise).
    const staff = await db.teamMembership.findMany({
      where: { teamId: detail.teamId!, user: { status: "ACTIVE", role: { in: ["CARE_GUIDE", "NURSE", "PHYSICIAN"] } } },
      orderBy: { user: { name: "asc" } },
      select: { user: { select: { id: true, name: true, role: true } } },
    });
    expect(detail.assignableStaff).toEqual(staff.map((m) => m.user));
    expect(detail.assignableStaff).toEqual(
      expect.arrayContaining([
        { id: expect.any(String), name: "Bea Lindqvist", role: "CARE_GUIDE" },
        { id: guide.userId, name: "Gabriel Ortiz", role: "CARE_GUIDE" },
        { id: expect.any(String), name: "Nora Haddad", role: "NURSE" },
      ]),
    );
    expect(detail.assignableStaff.some((s) => s.name === "Hugo Mensah" || s.role === "MEMBER")).toBe(false);
  });

  it("audits the read with the member it is about", async () => {
    const db = await getDb();
    const nurse = await actorFor("nurse@demo.test");
    const ticket = await demoTicket("Sunrise", "Test strips for my glucose meter");
    await getTicket(nurse, ticket.id);
    const row = await db.auditLog.findFirstOrThrow({ where: { actorId: nurse.userId, action: "ticket.read" }, orderBy: { id: "desc" } });
    expect(row).toMatchObject({ outcome: "ALLOWED", memberId: ticket.thread.memberId, recordType: "ticket", recordId: ticket.id });
  });

  it("lets a physician read their own team's ticket, with that team's staff", async () => {
    const doctor = await actorFor("doctor@demo.test");
    const ticket = await demoTicket("Virtual Primary Care", "Question about my cholesterol results");
    const detail = await getTicket(doctor, ticket.id);
    expect(detail.assignableStaff).toEqual([{ id: doctor.userId, name: "Dr. Priya Raman", role: "PHYSICIAN" }]);
  });

  it.each([
    ["guide2@demo.test", "Sunrise", "Refill for my inhaler"],
    ["guide@demo.test", "Virtual Primary Care", "Question about my cholesterol results"],
    ["doctor2@demo.test", "Harbor", "Choosing an OB near my new apartment"],
  ])("answers NOT_FOUND to %s for a %s ticket, and audits the denial", async (email, team, subject) => {
    const actor = await actorFor(email);
    const ticket = await demoTicket(team, subject);
    const before = await deniedCount(actor.userId, "ticket.read", ticket.id);
    await expect(getTicket(actor, ticket.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await deniedCount(actor.userId, "ticket.read", ticket.id)).toBe(before + 1);
    const row = await (await getDb()).auditLog.findFirstOrThrow({ where: { actorId: actor.userId, action: "ticket.read" }, orderBy: { id: "desc" } });
    expect(row.memberId).toBeNull(); // nothing of the member was read
  });

  it("answers a missing or malformed id exactly like an out-of-scope one", async () => {
    const guide = await actorFor("guide@demo.test");
    await expect(getTicket(guide, "0196b0a4-2b7e-7c3a-9d1e-1234567890ab")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getTicket(guide, "not-a-uuid")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it.each(["member@demo.test", "admin@demo.test", "compliance@demo.test"])("refuses %s (no ticket.read), and audits it", async (email) => {
    const actor = await actorFor(email);
    const ticket = await demoTicket("Sunrise", "Refill for my inhaler");
    const before = await deniedCount(actor.userId, "ticket.read", ticket.id);
    await expect(getTicket(actor, ticket.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await deniedCount(actor.userId, "ticket.read", ticket.id)).toBe(before + 1);
  });

  it("follows the thread: an active collaborator of another team may read it, until removed", async () => {
    const db = await getDb();
    const guide = await actorFor("guide@demo.test");
    const guide2 = await actorFor("guide2@demo.test");
    const ticket = await demoTicket("Sunrise", "Finding an in-network dermatologist");
    const collaboration = await db.threadCollaborator.create({
      data: { threadId: ticket.threadId, userId: guide2.userId, addedById: guide.userId, reason: "integration test" },
    });
    try {
      const detail = await getTicket(guide2, ticket.id);
      // Still assignable only to the owning team's staff.
      expect(detail.assignableStaff.some((s) => s.id === guide2.userId)).toBe(false);
    } finally {
      await db.threadCollaborator.update({ where: { id: collaboration.id }, data: { removedAt: new Date(), removedById: guide.userId } });
    }
    await expect(getTicket(guide2, ticket.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
