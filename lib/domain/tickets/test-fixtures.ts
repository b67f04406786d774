/**
 * Test-only helpers for the integration tests of tickets and members: rows each test
 * creates for itself (a team with its queue and staff, members, threads with tickets), so
 * that tests never depend on the demo data's current state or on one another's order.
 * Not imported by application code.
 */
import { randomBytes } from "node:crypto";
import { getDb } from "../../db/client";
import type { MessageVisibility, Role, TicketPriority, TicketStatus } from "../../db/generated/client";
import { uuid7 } from "../shared/uuid7";

const tag = () => randomBytes(4).toString("hex");

export async function createStaff(role: Role, teamIds: string[], name = `Test ${role} ${tag()}`): Promise<{ id: string; email: string; name: string }> {
  const db = await getDb();
  const email = `test.${role.toLowerCase()}.${tag()}@fixture.test`;
  const user = await db.user.create({ data: { id: uuid7(), email, name, role }, select: { id: true, email: true, name: true } });
  if (teamIds.length > 0) await db.teamMembership.createMany({ data: teamIds.map((teamId) => ({ teamId, userId: user.id })) });
  return user;
}

export async function createMember(teamId: string | null, name = `Test Member ${tag()}`): Promise<{ id: string; email: string; name: string }> {
  const db = await getDb();
  const email = `test.member.${tag()}@fixture.test`;
  const id = uuid7();
  await db.user.create({
    data: {
      id,
      email,
      name,
      role: "MEMBER",
      memberProfile: { create: { memberNumber: `TST-${tag()}`, dateOfBirth: new Date("1980-06-15T00:00:00Z"), sex: "UNKNOWN", teamId } },
    },
  });
  return { id, email, name };
}

export type TeamFixture = { teamId: string; queueId: string; name: string };

/** A concierge team with its queue (no staff yet). */
export async function createTeam(): Promise<TeamFixture> {
  const db = await getDb();
  const name = `Test team ${tag()}`;
  const team = await db.team.create({ data: { id: uuid7(), name, kind: "CONCIERGE" }, select: { id: true } });
  const queue = await db.queue.create({ data: { id: uuid7(), name, teamId: team.id }, select: { id: true } });
  return { teamId: team.id, queueId: queue.id, name };
}

export type TicketFixtureInput = {
  teamId: string;
  queueId: string;
  memberId: string;
  /** The thread's owning team, when it should differ from the ticket's (an inconsistent row). */
  threadTeamId?: string;
  subject?: string;
  status?: TicketStatus;
  priority?: TicketPriority;
  assigneeId?: string | null;
  waitingSince?: Date | null;
  lastActivityAt?: Date;
  /**
   * In order; each at a later millisecond than the one before. Default: one message of the
   * member, as every real thread starts (a thread without messages would be unlike any).
   */
  messages?: { authorId: string; body: string; visibility?: MessageVisibility }[];
  /**
   * The thread's last_member_message_at. Default: the time of the member's newest
   * member-visible message, as the send keeps it; pass another value for older data.
   */
  lastMemberMessageAt?: Date | null;
};

/** A thread of the member, owned by the team, with its messages and one ticket. */
export async function createTicket(input: TicketFixtureInput): Promise<{ ticketId: string; threadId: string }> {
  const db = await getDb();
  const threadId = uuid7();
  const ticketId = uuid7();
  const start = Date.now() - 60 * 60 * 1000;
  const messages = (input.messages ?? [{ authorId: input.memberId, body: "Fixture question" }]).map((m, i) => ({
    id: uuid7(start + i),
    threadId,
    authorId: m.authorId,
    visibility: m.visibility ?? "MEMBER",
    body: m.body,
    clientMessageId: `fixture-${tag()}-${i}`,
    createdAt: new Date(start + i),
  }));
  const byMember = messages.filter((m) => m.authorId === input.memberId && m.visibility === "MEMBER");
  const lastMemberMessageAt = input.lastMemberMessageAt !== undefined ? input.lastMemberMessageAt : (byMember.at(-1)?.createdAt ?? null);
  await db.$transaction([
    db.thread.create({
      data: { id: threadId, memberId: input.memberId, teamId: input.threadTeamId ?? input.teamId, subject: input.subject ?? `Fixture ${tag()}`, lastMemberMessageAt },
    }),
    db.message.createMany({ data: messages }),
    db.ticket.create({
      data: {
        id: ticketId,
        threadId,
        queueId: input.queueId,
        teamId: input.teamId,
        status: input.status ?? "OPEN",
        priority: input.priority ?? "NORMAL",
        assigneeId: input.assigneeId ?? null,
        waitingSince: input.waitingSince === undefined ? null : input.waitingSince,
        lastActivityAt: input.lastActivityAt ?? new Date(),
        closedAt: input.status === "CLOSED" ? new Date() : null,
      },
    }),
  ]);
  return { ticketId, threadId };
}

/** The demo team and its queue, by team name (e.g. "Sunrise"). */
export async function demoTeam(name: string): Promise<TeamFixture> {
  const db = await getDb();
  const team = await db.team.findUniqueOrThrow({ where: { name }, select: { id: true, queue: { select: { id: true } } } });
  if (!team.queue) throw new Error(`team ${name} has no queue`);
  return { teamId: team.id, queueId: team.queue.id, name };
}
