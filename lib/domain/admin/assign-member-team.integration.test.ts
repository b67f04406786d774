import { describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { getDb } from "../../db/client";
import { createMember, createStaff, createTeam, createTicket } from "../tickets/test-fixtures";
import { assignMemberTeam } from "./assign-member-team";
import { getPerson } from "./get-person";

describe("assignMemberTeam", () => {
  it("moves the member's open conversations of the old team, and their active tickets, to the new team's queue", async () => {
    const admin = await actorFor("admin@demo.test");
    const [from, to, other] = [await createTeam(), await createTeam(), await createTeam()];
    const guide = await createStaff("CARE_GUIDE", [from.teamId]);
    const member = await createMember(from.teamId);
    const open = await createTicket({ ...from, memberId: member.id, status: "PENDING", assigneeId: guide.id });
    const fresh = await createTicket({ ...from, memberId: member.id, status: "NEW" });
    const done = await createTicket({ ...from, memberId: member.id, status: "CLOSED", assigneeId: guide.id });
    // A conversation on another team's channel (e.g. virtual primary care) is not the concierge team's.
    const elsewhere = await createTicket({ ...other, memberId: member.id, status: "OPEN" });
    expect((await getPerson(admin, member.id)).openConversations).toBe(2);

    const change = await assignMemberTeam(admin, member.id, { teamId: to.teamId });
    expect(change).toEqual({ memberId: member.id, fromTeamId: from.teamId, toTeamId: to.teamId, movedThreads: 2, movedTickets: 2 });

    const db = await getDb();
    expect(await db.memberProfile.findUnique({ where: { userId: member.id }, select: { teamId: true } })).toEqual({ teamId: to.teamId });
    for (const t of [open, fresh]) {
      expect(await db.thread.findUnique({ where: { id: t.threadId }, select: { teamId: true } })).toEqual({ teamId: to.teamId });
      expect(await db.ticket.findUnique({ where: { id: t.ticketId }, select: { queueId: true, teamId: true, assigneeId: true } })).toEqual({
        queueId: to.queueId,
        teamId: to.teamId,
        assigneeId: null,
      });
      expect(await db.ticketEvent.findFirst({ where: { ticketId: t.ticketId, type: "QUEUE_CHANGED" } })).toMatchObject({
        actorId: admin.userId,
        fromValue: from.queueId,
        toValue: to.queueId,
      });
      // Both consoles hear of it: the team that gained the ticket and the one that lost it.
      expect(await db.outboxEvent.count({ where: { type: "ticket.updated", threadId: t.threadId, teamId: { in: [from.teamId, to.teamId] } } })).toBe(2);
    }
    expect(await db.ticketEvent.findFirst({ where: { ticketId: open.ticketId, type: "ASSIGNED" } })).toMatchObject({ fromValue: guide.id, toValue: null });
    expect(await db.ticketEvent.count({ where: { ticketId: fresh.ticketId, type: "ASSIGNED" } })).toBe(0);
    // History and other channels stay where they are.
    expect(await db.thread.findUnique({ where: { id: done.threadId }, select: { teamId: true } })).toEqual({ teamId: from.teamId });
    expect(await db.ticket.findUnique({ where: { id: done.ticketId }, select: { queueId: true, assigneeId: true } })).toEqual({ queueId: from.queueId, assigneeId: guide.id });
    expect(await db.thread.findUnique({ where: { id: elsewhere.threadId }, select: { teamId: true } })).toEqual({ teamId: other.teamId });

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "member.team_assign", memberId: member.id } });
    expect(audit).toMatchObject({ actorId: admin.userId, recordType: "member", recordId: member.id });
    expect(audit.details).toMatchObject({ fromTeamId: from.teamId, toTeamId: to.teamId });
    expect((audit.details as { ticketIds: string[] }).ticketIds.sort()).toEqual([open.ticketId, fresh.ticketId].sort());
  });

  it("takes a member out of triage with their waiting conversation", async () => {
    const admin = await actorFor("admin@demo.test");
    const to = await createTeam();
    const member = await createMember(null);
    const db = await getDb();
    const triage = await db.queue.findFirstOrThrow({ where: { kind: "TRIAGE" } });
    const thread = await db.thread.create({ data: { memberId: member.id, teamId: null, subject: "Triage fixture" } });
    const ticket = await db.ticket.create({ data: { threadId: thread.id, queueId: triage.id, teamId: null, status: "NEW" } });

    expect(await assignMemberTeam(admin, member.id, { teamId: to.teamId })).toMatchObject({ fromTeamId: null, movedThreads: 1, movedTickets: 1 });
    expect(await db.ticket.findUnique({ where: { id: ticket.id }, select: { queueId: true, teamId: true } })).toEqual({ queueId: to.queueId, teamId: to.teamId });
    expect(await db.ticketEvent.findFirst({ where: { ticketId: ticket.id, type: "QUEUE_CHANGED" } })).toMatchObject({ fromValue: triage.id, toValue: to.queueId });
  });

  it("writes nothing for the member's current team, and refuses teams that are not active concierge teams", async () => {
    const admin = await actorFor("admin@demo.test");
    const team = await createTeam();
    const member = await createMember(team.teamId);
    const db = await getDb();
    expect(await assignMemberTeam(admin, member.id, { teamId: team.teamId })).toMatchObject({ movedThreads: 0 });
    expect(await db.auditLog.count({ where: { action: "member.team_assign", memberId: member.id } })).toBe(0);

    const vpc = await db.team.findUniqueOrThrow({ where: { name: "Virtual Primary Care" } });
    await expect(assignMemberTeam(admin, member.id, { teamId: vpc.id })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const archived = await createTeam();
    await db.team.update({ where: { id: archived.teamId }, data: { archivedAt: new Date() } });
    await expect(assignMemberTeam(admin, member.id, { teamId: archived.teamId })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const staff = await createStaff("NURSE", []);
    await expect(assignMemberTeam(admin, staff.id, { teamId: team.teamId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("is refused to non-admins as not found, audited, and changes nothing", async () => {
    const [from, to] = [await createTeam(), await createTeam()];
    const member = await createMember(from.teamId);
    const db = await getDb();
    for (const email of ["guide@demo.test", "nurse@demo.test", "member@demo.test", "compliance@demo.test"]) {
      const actor = await actorFor(email);
      await expect(assignMemberTeam(actor, member.id, { teamId: to.teamId })).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(await db.auditLog.count({ where: { actorId: actor.userId, action: "user.manage", outcome: "DENIED", recordId: member.id } })).toBe(1);
    }
    expect(await db.memberProfile.findUnique({ where: { userId: member.id }, select: { teamId: true } })).toEqual({ teamId: from.teamId });
  });
});
