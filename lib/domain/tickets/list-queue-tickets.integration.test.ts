import { beforeAll, describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import type { Actor } from "../../access/actor";
import { countRoundTrips } from "../../../test/round-trips";
import { ticketWhereForActor } from "../../access/scopes";
import { getDb } from "../../db/client";
import { recordAudit } from "../audit/record-audit";
import { listQueueTickets } from "./list-queue-tickets";
import { queueStatement, type QueueFilter } from "./queue-page-sql";
import { createMember, createStaff, createTeam, createTicket, demoTeam, type TeamFixture } from "./test-fixtures";

const HOUR = 60 * 60 * 1000;
const base = Date.now() - 10 * 24 * HOUR;
const at = (hours: number) => new Date(base + hours * HOUR);

// A team of our own, so that every expectation is exact whatever other tests do.
let team: TeamFixture;
let guide: Actor;
let guideB: { id: string; name: string };
let members: { id: string; name: string }[];
const t: Record<string, string> = {};
let strayThreadId: string;
const longMessage = `Latest from the member: ${"my prior authorization is still pending and ".repeat(5)}end`;

beforeAll(async () => {
  team = await createTeam();
  const a = await createStaff("CARE_GUIDE", [team.teamId]);
  guideB = await createStaff("CARE_GUIDE", [team.teamId]);
  guide = await actorFor(a.email);
  members = [await createMember(team.teamId), await createMember(team.teamId), await createMember(team.teamId)];
  const [m1, m2, m3] = members as [typeof members[0], typeof members[0], typeof members[0]];
  const mk = (memberId: string, fields: Omit<Parameters<typeof createTicket>[0], "teamId" | "queueId" | "memberId">) =>
    createTicket({ teamId: team.teamId, queueId: team.queueId, memberId, ...fields });

  // Created in this order: ids grow, so t1 < t7 breaks their tie.
  t.t1 = (await mk(m1.id, {
    status: "OPEN", waitingSince: at(1), lastActivityAt: at(5), subject: "Prior authorization",
    messages: [
      { authorId: m1.id, body: "First question" },
      { authorId: a.id, body: "Staff reply" },
      { authorId: m1.id, body: longMessage },
      { authorId: a.id, body: "Internal: check with the plan", visibility: "INTERNAL" },
      { authorId: a.id, body: "We are on it" },
    ],
  })).ticketId;
  t.t2 = (await mk(m2.id, { status: "NEW", waitingSince: at(0), lastActivityAt: at(6), assigneeId: a.id })).ticketId;
  t.t3 = (await mk(m2.id, { status: "PENDING", waitingSince: null, lastActivityAt: at(2), assigneeId: a.id, messages: [{ authorId: a.id, body: "Staff only" }] })).ticketId;
  t.t4 = (await mk(m3.id, { status: "ON_HOLD", waitingSince: null, lastActivityAt: at(1), assigneeId: guideB.id })).ticketId;
  t.t5 = (await mk(m3.id, { status: "SOLVED", waitingSince: null, lastActivityAt: at(3), assigneeId: a.id })).ticketId;
  t.t6 = (await mk(m1.id, { status: "CLOSED", waitingSince: null, lastActivityAt: at(4) })).ticketId;
  t.t7 = (await mk(m1.id, { status: "OPEN", waitingSince: at(1), lastActivityAt: at(5), messages: [{ authorId: m1.id, body: "  short\n\nquestion  " }] })).ticketId;
  t.t8 = (await mk(m2.id, { status: "OPEN", waitingSince: at(1), lastActivityAt: at(4), assigneeId: guideB.id })).ticketId;
  // In our queue, but its thread belongs to Harbor: out of the guide's scope, so never shown or counted.
  const harbor = await demoTeam("Harbor");
  const stray = await mk(m3.id, { status: "OPEN", waitingSince: at(-1), lastActivityAt: at(0), threadTeamId: harbor.teamId });
  t.stray = stray.ticketId;
  strayThreadId = stray.threadId;
});

const ids = (items: { id: string }[]) => items.map((i) => i.id);
const names = (...keys: string[]) => keys.map((k) => t[k]);

describe("listQueueTickets", () => {
  // ⚠ The queue's scope check is threadWhereForActor written out in SQL (threadScopeSql, in
  // queueStatement): each staff branch of it, both ways, on the stray ticket whose thread is Harbor's.
  it("shows the stray ticket to a colleague only while an active collaboration or a running emergency access reaches its thread", async () => {
    const db = await getDb();
    const other = await createStaff("CARE_GUIDE", [team.teamId]);
    const colleague = await actorFor(other.email);
    const shown = async () => ids((await listQueueTickets(colleague, { view: "all" })).items).includes(t.stray!);
    expect(await shown()).toBe(false);

    const collaboration = await db.threadCollaborator.create({ data: { threadId: strayThreadId, userId: other.id, addedById: other.id, reason: "test" } });
    expect(await shown()).toBe(true);
    await db.threadCollaborator.update({ where: { id: collaboration.id }, data: { removedAt: new Date(), removedById: other.id } });
    expect(await shown()).toBe(false);

    const expired = await db.emergencyAccess.create({ data: { threadId: strayThreadId, userId: other.id, reason: "test", expiresAt: new Date(Date.now() - 1000) } });
    expect(await shown()).toBe(false);
    await db.emergencyAccess.update({ where: { id: expired.id }, data: { endedAt: new Date() } });
    const running = await db.emergencyAccess.create({ data: { threadId: strayThreadId, userId: other.id, reason: "test", expiresAt: new Date(Date.now() + HOUR) } });
    expect(await shown()).toBe(true);
    await db.emergencyAccess.update({ where: { id: running.id }, data: { endedAt: new Date() } });
    expect(await shown()).toBe(false);
    // The counts stay the team branch only (numbers over the team's own threads).
    expect((await listQueueTickets(colleague)).counts).toEqual({ open: 6, mine: 0, unassigned: 2, all: 8 });
  });

  it("lists the open view longest-waiting first: waitingSince, then last activity, then id", async () => {
    const { items, nextCursor } = await listQueueTickets(guide);
    expect(ids(items)).toEqual(names("t2", "t8", "t1", "t7", "t4", "t3"));
    expect(nextCursor).toBeNull();
  });

  it("answers the four view counts, without the stray out-of-scope ticket", async () => {
    const { counts } = await listQueueTickets(guide, { view: "all", status: "CLOSED" });
    expect(counts).toEqual({ open: 6, mine: 2, unassigned: 2, all: 8 });
  });

  it.each([
    [{ view: "mine" }, ["t2", "t3"]],
    [{ view: "unassigned" }, ["t1", "t7"]],
    [{ view: "all" }, ["t2", "t8", "t1", "t7", "t4", "t3", "t5", "t6"]],
    [{ status: "OPEN" }, ["t8", "t1", "t7"]],
    [{ view: "all", status: "CLOSED" }, ["t6"]],
    [{ view: "open", status: "CLOSED" }, []],
    [{ view: "all", assignee: "me" }, ["t2", "t3", "t5"]],
    [{ view: "all", assignee: "none" }, ["t1", "t7", "t6"]],
    [{ view: "unassigned", assignee: "me" }, []],
  ] as const)("filters %o", async (input, expected) => {
    const { items } = await listQueueTickets(guide, input);
    expect(ids(items)).toEqual(names(...expected));
  });

  it("filters by an assignee id", async () => {
    const { items } = await listQueueTickets(guide, { view: "all", assignee: guideB.id });
    expect(ids(items)).toEqual(names("t8", "t4"));
  });

  it("carries the member, subject, assignee and a preview of the member's latest visible message", async () => {
    const { items } = await listQueueTickets(guide, { view: "all" });
    const byId = new Map(items.map((i) => [i.id, i]));
    const first = byId.get(t.t1!)!;
    expect(first.member).toEqual({ id: members[0]!.id, name: members[0]!.name });
    expect(first.subject).toBe("Prior authorization");
    expect(first.assignee).toBeNull();
    expect(first.preview).toBe(`${Array.from(longMessage).slice(0, 120).join("").trimEnd()}…`);
    expect(first).toMatchObject({ status: "OPEN", priority: "NORMAL", queueId: team.queueId, teamId: team.teamId, waitingSince: at(1).toISOString() });
    expect(byId.get(t.t7!)!.preview).toBe("short question");
    expect(byId.get(t.t2!)!.preview).toBe("Fixture question");
    expect(byId.get(t.t3!)!.preview).toBeNull(); // only staff wrote (not a real thread's shape, but possible data)
    expect(byId.get(t.t2!)!.assignee).toEqual({ id: guide.userId, name: guide.name });
  });

  it("finds the preview at the thread's last member message time, and walks back only when nothing is there", async () => {
    // A team of its own: the other tests count this team's tickets exactly.
    const { teamId, queueId } = await createTeam();
    const reader = await actorFor((await createStaff("CARE_GUIDE", [teamId])).email);
    const m1 = await createMember(teamId);
    const messages = [
      { authorId: m1.id, body: "Older question" },
      { authorId: m1.id, body: "Newest question" },
      { authorId: reader.userId, body: "A note", visibility: "INTERNAL" as const },
    ];
    // As the send keeps it: the newest member message's time (the fixture's default).
    const current = await createTicket({ teamId, queueId, memberId: m1.id, status: "CLOSED", messages });
    // Rows written before the column was kept, or a time with no message at it: the walk back.
    const unset = await createTicket({ teamId, queueId, memberId: m1.id, status: "CLOSED", messages, lastMemberMessageAt: null });
    const stale = await createTicket({ teamId, queueId, memberId: m1.id, status: "CLOSED", messages, lastMemberMessageAt: at(-100) });
    // The probe reads the message AT that time: an older message there is what it shows,
    // which is why the send only ever moves the time forward (send-write-sql.ts).
    const older = await createTicket({ teamId, queueId, memberId: m1.id, status: "CLOSED", messages });
    const db = await getDb();
    const first = await db.message.findFirstOrThrow({ where: { threadId: older.threadId }, orderBy: { createdAt: "asc" }, select: { createdAt: true } });
    await db.thread.update({ where: { id: older.threadId }, data: { lastMemberMessageAt: first.createdAt } });
    const { items } = await listQueueTickets(reader, { view: "all" });
    const preview = (id: string) => items.find((i) => i.id === id)?.preview;
    expect(preview(current.ticketId)).toBe("Newest question");
    expect(preview(unset.ticketId)).toBe("Newest question");
    expect(preview(stale.ticketId)).toBe("Newest question");
    expect(preview(older.ticketId)).toBe("Older question");
  });

  it("pages with a cursor without gaps or repeats, across the NULL waiting times", async () => {
    for (const [view, limit] of [["open", 2], ["all", 3], ["all", 1]] as const) {
      const all = await listQueueTickets(guide, { view, limit: 200 });
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await listQueueTickets(guide, { view, limit, ...(cursor ? { cursor } : {}) });
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...ids(page.items));
        cursor = page.nextCursor ?? undefined;
        pages += 1;
      } while (cursor && pages < 20);
      expect(seen).toEqual(ids(all.items));
    }
  });

  it("refuses a tampered cursor", async () => {
    await expect(listQueueTickets(guide, { cursor: "bm90LWEtY3Vyc29y" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("gives demo staff only their own teams' queues, with counts that match the scope", async () => {
    const db = await getDb();
    for (const email of ["guide@demo.test", "guide2@demo.test", "doctor@demo.test"]) {
      const staff = await actorFor(email);
      const { items, counts } = await listQueueTickets(staff, { view: "all", limit: 200 });
      const queues = await db.queue.findMany({ where: { teamId: { in: [...staff.teamIds] } }, select: { id: true } });
      const where = { queueId: { in: queues.map((q) => q.id) }, ...ticketWhereForActor(staff) };
      expect(counts.all).toBe(await db.ticket.count({ where }));
      expect(counts.open).toBe(await db.ticket.count({ where: { ...where, status: { in: ["NEW", "OPEN", "PENDING", "ON_HOLD"] } } }));
      expect(items.length).toBe(Math.min(counts.all, 200));
      expect(items.every((i) => i.teamId !== null && staff.teamIds.includes(i.teamId))).toBe(true);
      expect(items.some((i) => i.queueId === team.queueId)).toBe(false);
    }
  });

  it("refuses roles without the queue, and audits the attempt", async () => {
    const db = await getDb();
    for (const email of ["member@demo.test", "admin@demo.test", "compliance@demo.test"]) {
      const actor = await actorFor(email);
      const before = await db.auditLog.count({ where: { actorId: actor.userId, action: "ticket.list", outcome: "DENIED" } });
      await expect(listQueueTickets(actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await db.auditLog.count({ where: { actorId: actor.userId, action: "ticket.list", outcome: "DENIED" } })).toBe(before + 1);
    }
  });

  it("answers in one round trip: page, rows, previews, counts, calendars and the audit row", async () => {
    expect(await countRoundTrips(() => listQueueTickets(guide, { view: "all", limit: 3 }))).toBe(1);
  });

  it("serves an actor of two teams from both queues, counting both, in display order", async () => {
    const second = await createTeam();
    const member = await createMember(second.teamId);
    const other = (await createTicket({ teamId: second.teamId, queueId: second.queueId, memberId: member.id, status: "NEW", waitingSince: at(0.5), lastActivityAt: at(0) })).ticketId;
    const both = await actorFor((await createStaff("NURSE", [team.teamId, second.teamId])).email);
    const { items, counts } = await listQueueTickets(both, { view: "all", limit: 200 });
    expect(ids(items)).toEqual([...names("t2"), other, ...names("t8", "t1", "t7", "t4", "t3", "t5", "t6")]);
    expect(counts).toEqual({ open: 7, mine: 0, unassigned: 3, all: 9 });
    // Paging across both queues, one row at a time.
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listQueueTickets(both, { view: "open", limit: 1, ...(cursor ? { cursor } : {}) });
      seen.push(...ids(page.items));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && seen.length < 20);
    expect(seen).toEqual([...names("t2"), other, ...names("t8", "t1", "t7", "t4", "t3")]);
  });

  it("gives staff of no team an empty queue, still audited", async () => {
    const db = await getDb();
    const loner = await actorFor((await createStaff("CARE_GUIDE", [])).email);
    expect(await listQueueTickets(loner)).toEqual({ items: [], nextCursor: null, counts: { open: 0, mine: 0, unassigned: 0, all: 0 } });
    const row = await db.auditLog.findFirstOrThrow({ where: { actorId: loner.userId, action: "ticket.list" }, orderBy: { id: "desc" } });
    expect(row).toMatchObject({ outcome: "ALLOWED", memberId: null, details: { count: 0, memberIds: [], view: "open" } });
  });

  // ⚠ The statement writes the audit row itself: it must be the row recordAudit writes.
  it("writes the same audit row as recordAudit would, with the members in page order", async () => {
    const db = await getDb();
    const actor = { ...guide, origin: { ip: "10.9.8.7", userAgent: "queue\u0000test" } };
    const latestTwo = () => db.auditLog.findMany({ where: { actorId: guide.userId, action: "ticket.list" }, orderBy: { id: "desc" }, take: 2 });
    const strip = ({ id: _id, occurredAt: _at, ...rest }: Awaited<ReturnType<typeof latestTwo>>[number]) => rest;

    const { items } = await listQueueTickets(actor, { view: "all" });
    const memberIds = [...new Set(items.map((i) => i.member.id))];
    expect(memberIds.length).toBeGreaterThan(1);
    await recordAudit(db, actor, { action: "ticket.list", memberId: null, details: { count: items.length, memberIds, view: "all" } });
    const [fromRecordAudit, fromStatement] = await latestTwo();
    expect(strip(fromStatement!)).toEqual(strip(fromRecordAudit!));
    expect(fromStatement).toMatchObject({ ip: "10.9.8.7", userAgent: "queue\ufffdtest", details: { memberIds } });

    // One member shown: the row names her.
    await listQueueTickets(actor, { view: "unassigned" });
    await recordAudit(db, actor, { action: "ticket.list", memberId: members[0]!.id, details: { count: 2, memberIds: [members[0]!.id], view: "unassigned" } });
    const [one, oneFromStatement] = await latestTwo();
    expect(strip(oneFromStatement!)).toEqual(strip(one!));
  });

  it("audits one row per listing with the count and the members shown, and no contents", async () => {
    const db = await getDb();
    const before = await db.auditLog.count({ where: { actorId: guide.userId, action: "ticket.list" } });
    const { items } = await listQueueTickets(guide, { view: "unassigned" });
    expect(await db.auditLog.count({ where: { actorId: guide.userId, action: "ticket.list" } })).toBe(before + 1);
    const row = await db.auditLog.findFirstOrThrow({ where: { actorId: guide.userId, action: "ticket.list" }, orderBy: { id: "desc" } });
    expect(row.outcome).toBe("ALLOWED");
    expect(row.memberId).toBe(members[0]!.id); // both unassigned tickets are the first member's
    expect(row.details).toEqual({ count: items.length, memberIds: [members[0]!.id], view: "unassigned" });
    expect(JSON.stringify({ ...row, id: String(row.id) })).not.toContain("Prior authorization");
  });
});

describe("the queue's statement", () => {
  async function plan(q: Omit<QueueFilter, "after">): Promise<string> {
    const db = await getDb();
    const { text, values } = queueStatement({ ...q, actor: guide, after: null, limit: 50, now: new Date() });
    // Sequential scans, bitmap scans and sorts off: with so few rows the planner might rightly
    // prefer any of them (and which one depends on the statistics other tests left behind);
    // this asks whether the indexes can serve the statement, the page in its order, at all
    // (the partial index's predicate must be implied). docs/performance.md shows them chosen
    // at real volume. EXPLAIN without ANALYZE: the statement's audit row is not written.
    const [, , , rows] = await db.$transaction([
      db.$executeRawUnsafe("SET LOCAL enable_seqscan = off"),
      db.$executeRawUnsafe("SET LOCAL enable_bitmapscan = off"),
      db.$executeRawUnsafe("SET LOCAL enable_sort = off"),
      db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${text}`, ...values),
    ]);
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  }
  /** The page's own part of the plan (the counts read tickets too). */
  const pageOf = (plan: string) => plan.slice(plan.indexOf("CTE page"), plan.indexOf("CTE shown"));

  it.each([
    [{ view: "open" }],
    [{ view: "mine" }],
    [{ view: "unassigned" }],
  ] as const)("pages %o with tickets_queue_open_waiting_idx", async (q) => {
    expect(pageOf(await plan(q))).toContain("tickets_queue_open_waiting_idx");
  });

  it("counts from the indexes alone: tickets by queue and thread, threads by team", async () => {
    const p = await plan({ view: "open" });
    expect(p).toContain("Index Only Scan using tickets_queue_id_thread_id_status_assignee_id_idx");
    expect(p).toContain("Index Only Scan using threads_team_id_id_idx");
  });

  // With one status asked for, (queue_id, thread_id, status, …) can serve it too; either
  // index, but never a scan of the whole table.
  it.each([
    [{ view: "open", status: "PENDING" }],
    [{ view: "all", status: "OPEN" }],
  ] as const)("pages %o with a queue index", async (q) => {
    expect(pageOf(await plan(q))).toMatch(/tickets_queue_open_waiting_idx|tickets_queue_id_thread_id_status_assignee_id_idx/);
  });

  it("cannot use the partial index when CLOSED tickets are asked for", async () => {
    const page = pageOf(await plan({ view: "all" }));
    expect(page).toContain("Index Scan");
    expect(page).not.toContain("tickets_queue_open_waiting_idx");
  });
});
