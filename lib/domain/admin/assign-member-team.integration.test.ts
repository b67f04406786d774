import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { unknownOrigin } from "../../access/actor";
import { getDb } from "../../db/client";
import { listMemberDocuments } from "../attachments/list-member-documents";
import { unsafeLoadActor } from "../auth/unsafe-load-actor";
import { getMemberContext } from "../members/get-member-context";
import { listMessages } from "../messages/list-messages";
import { sendMessage } from "../messages/send-message";
import { getThread } from "../threads/get-thread";
import { getTicket } from "../tickets/get-ticket";
import { listQueueTickets } from "../tickets/list-queue-tickets";
import { createMember, createStaff, createTeam, createTicket, demoTeam } from "../tickets/test-fixtures";
import { assignMemberTeam } from "./assign-member-team";
import { getPerson } from "./get-person";

describe("assignMemberTeam", () => {
  it("moves the member's conversations of the old team, closed ones too, and their tickets to the new team's queue", async () => {
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
    expect(change).toEqual({ memberId: member.id, fromTeamId: from.teamId, toTeamId: to.teamId, movedThreads: 3, movedTickets: 2 });

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
    // Closed conversations move too (the former team keeps no way to her); a closed ticket keeps its assignee as history.
    expect(await db.thread.findUnique({ where: { id: done.threadId }, select: { teamId: true } })).toEqual({ teamId: to.teamId });
    expect(await db.ticket.findUnique({ where: { id: done.ticketId }, select: { queueId: true, assigneeId: true } })).toEqual({ queueId: to.queueId, assigneeId: guide.id });
    // Other channels stay where they are.
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

describe("assignMemberTeam: the former team keeps nothing of the member (issue 9, item 1)", () => {
  async function actorOf(userId: string) {
    const actor = await unsafeLoadActor(userId, { ...unknownOrigin, ip: "127.0.0.1" });
    if (!actor) throw new Error("no actor");
    return actor;
  }

  it("moves closed conversations too: a later message lands in the new team's queue, and the old team reaches neither the thread nor her context or documents", async () => {
    const admin = await actorFor("admin@demo.test");
    const [sunrise, harbor] = [await createTeam(), await createTeam()];
    const oldGuide = await actorOf((await createStaff("CARE_GUIDE", [sunrise.teamId])).id);
    const oldNurse = await actorOf((await createStaff("NURSE", [sunrise.teamId])).id);
    const newGuide = await actorOf((await createStaff("CARE_GUIDE", [harbor.teamId])).id);
    const created = await createMember(sunrise.teamId);
    const done = await createTicket({ ...sunrise, memberId: created.id, status: "CLOSED", assigneeId: oldGuide.userId });
    const member = await actorOf(created.id);
    // Before the move the old team reaches her: the context panel answers.
    await expect(getMemberContext(oldGuide, created.id)).resolves.toMatchObject({ id: created.id });

    const change = await assignMemberTeam(admin, created.id, { teamId: harbor.teamId });
    expect(change).toMatchObject({ movedThreads: 1, movedTickets: 0 });
    const db = await getDb();
    expect(await db.thread.findUnique({ where: { id: done.threadId }, select: { teamId: true } })).toEqual({ teamId: harbor.teamId });
    // The closed ticket follows its thread (a ticket's team is always its thread's team); its assignee stays as history.
    expect(await db.ticket.findUnique({ where: { id: done.ticketId }, select: { queueId: true, teamId: true, status: true, assigneeId: true } })).toEqual({
      queueId: harbor.queueId,
      teamId: harbor.teamId,
      status: "CLOSED",
      assigneeId: oldGuide.userId,
    });

    // She writes on the old, closed conversation: the follow-up is the new team's.
    await sendMessage(member, done.threadId, { body: "Following up after my move", clientMessageId: randomUUID() });
    const followUp = await db.ticket.findFirstOrThrow({ where: { threadId: done.threadId, status: { not: "CLOSED" } } });
    expect(followUp).toMatchObject({ queueId: harbor.queueId, teamId: harbor.teamId, followUpOfId: done.ticketId, status: "NEW" });
    const harborQueue = await listQueueTickets(newGuide, { view: "open" });
    expect(harborQueue.items.map((t) => t.id)).toContain(followUp.id);
    const sunriseQueue = await listQueueTickets(oldGuide, { view: "all" });
    expect(sunriseQueue.items.map((t) => t.threadId)).not.toContain(done.threadId);

    // The former team: 404 on the thread, its messages, her context and her documents.
    await expect(getThread(oldGuide, done.threadId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listMessages(oldGuide, done.threadId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getMemberContext(oldGuide, created.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getMemberContext(oldNurse, created.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listMemberDocuments(oldNurse, created.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getTicket(oldGuide, done.ticketId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The new team reaches all of it.
    await expect(getThread(newGuide, done.threadId)).resolves.toMatchObject({ teamId: harbor.teamId });
    await expect(getMemberContext(newGuide, created.id)).resolves.toMatchObject({ id: created.id });
    // Their past work stays in the audit log.
    expect(await db.auditLog.count({ where: { actorId: oldGuide.userId, memberId: created.id, action: "memberContext.read", outcome: "ALLOWED" } })).toBe(1);
  });

  it("a member moved while her message is in flight: the follow-up always lands with the team that owns the thread, and the thread with her team", async () => {
    const admin = await actorFor("admin@demo.test");
    const db = await getDb();
    for (let round = 0; round < 12; round++) {
      const [sunrise, harbor] = [await createTeam(), await createTeam()];
      const created = await createMember(sunrise.teamId);
      const done = await createTicket({ ...sunrise, memberId: created.id, status: "CLOSED" });
      const member = await actorOf(created.id);
      await Promise.all([
        assignMemberTeam(admin, created.id, { teamId: harbor.teamId }),
        sendMessage(member, done.threadId, { body: "Racing the move", clientMessageId: randomUUID() }),
      ]);
      const thread = await db.thread.findUniqueOrThrow({ where: { id: done.threadId }, select: { teamId: true } });
      const tickets = await db.ticket.findMany({ where: { threadId: done.threadId }, select: { queueId: true, teamId: true } });
      expect(thread.teamId).toBe(harbor.teamId);
      for (const t of tickets) expect(t).toEqual({ queueId: harbor.queueId, teamId: harbor.teamId });
    }
  });

  it("leaves conversations on other teams' channels with those teams", async () => {
    const admin = await actorFor("admin@demo.test");
    const db = await getDb();
    const [from, to] = [await createTeam(), await createTeam()];
    const vpc = await demoTeam("Virtual Primary Care");
    const created = await createMember(from.teamId);
    const elsewhere = await createTicket({ ...vpc, memberId: created.id, status: "CLOSED" });
    await assignMemberTeam(admin, created.id, { teamId: to.teamId });
    const member = await actorOf(created.id);
    await sendMessage(member, elsewhere.threadId, { body: "Back to my doctor", clientMessageId: randomUUID() });
    expect(await db.ticket.findFirstOrThrow({ where: { threadId: elsewhere.threadId, status: "NEW" }, select: { queueId: true, teamId: true } })).toEqual({
      queueId: vpc.queueId,
      teamId: vpc.teamId,
    });
  });
});
