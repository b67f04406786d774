import { randomUUID } from "node:crypto";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import type { NotificationType } from "../../db/generated/client";
import { sendMessage } from "../messages/send-message";
import { createThread } from "../threads/create-thread";
import { createMember, createStaff, createTeam, type TeamFixture } from "../tickets/test-fixtures";
import { updateTicket } from "../tickets/update-ticket";
import { listNotifications } from "./list-notifications";
import { markAllNotificationsRead } from "./mark-all-notifications-read";
import { markNotificationRead } from "./mark-notification-read";
import { unsafeDeriveNotifications } from "./unsafe-derive-notifications";

let team: TeamFixture;
let otherTeam: TeamFixture;
let guideA: Actor;
let guideB: Actor;
let outsider: Actor;
let member: Actor;

const cid = () => `c${randomUUID().replaceAll("-", "")}`;

/** Runs passes until the outbox is drained (a fresh database may hold other tests' events). */
async function derive(): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const r = await unsafeDeriveNotifications();
    if (!r.busy && r.handled < 500) return;
  }
}

async function notes(userId: string, threadId: string, type?: NotificationType) {
  const db = await getDb();
  return db.notification.findMany({ where: { userId, threadId, ...(type ? { type } : {}) }, orderBy: { createdAt: "asc" } });
}

async function newThread() {
  const { thread } = await createThread(member, { subject: "Knee pain after the new medication", body: "It hurts when I walk.", clientMessageId: cid() });
  return { threadId: thread.id, ticketId: thread.ticket!.id };
}

beforeAll(async () => {
  team = await createTeam();
  otherTeam = await createTeam();
  const a = await createStaff("CARE_GUIDE", [team.teamId]);
  const b = await createStaff("NURSE", [team.teamId]);
  const o = await createStaff("CARE_GUIDE", [otherTeam.teamId]);
  const m = await createMember(team.teamId);
  [guideA, guideB, outsider, member] = await Promise.all([actorFor(a.email), actorFor(b.email), actorFor(o.email), actorFor(m.email)]);
  await derive();
});

describe("notifications derived from the outbox", () => {
  it("alerts the team's staff once about a new ticket, and nobody else", async () => {
    const { threadId, ticketId } = await newThread();
    await derive();
    await derive(); // a second pass adds nothing
    for (const staff of [guideA, guideB]) {
      const rows = await notes(staff.userId, threadId);
      expect(rows.map((r) => [r.type, r.ticketId])).toEqual([["NEW_TICKET", ticketId]]);
    }
    expect(await notes(outsider.userId, threadId)).toEqual([]);
    expect(await notes(member.userId, threadId)).toEqual([]);
  });

  it("sends member replies to the assignee (once while unread), else to the team; assignment alerts the assignee, not a self-assignment", async () => {
    const { threadId, ticketId } = await newThread();
    await sendMessage(member, threadId, { body: "Also my ankle.", clientMessageId: cid() });
    await derive();
    expect((await notes(guideA.userId, threadId, "MEMBER_REPLY")).length).toBe(1);
    expect((await notes(guideB.userId, threadId, "MEMBER_REPLY")).length).toBe(1);

    await updateTicket(guideA, ticketId, { assigneeId: guideB.userId });
    await derive();
    expect((await notes(guideB.userId, threadId, "ASSIGNED")).length).toBe(1);
    expect((await notes(guideA.userId, threadId, "ASSIGNED")).length).toBe(0);

    await markAllNotificationsRead(guideB, { threadId });
    await sendMessage(member, threadId, { body: "Any news?", clientMessageId: cid() });
    await sendMessage(member, threadId, { body: "Hello?", clientMessageId: cid() });
    await derive();
    expect((await notes(guideB.userId, threadId, "MEMBER_REPLY")).filter((n) => !n.readAt).length).toBe(1);
    expect((await notes(guideA.userId, threadId, "MEMBER_REPLY")).length).toBe(1); // only the unassigned one

    await updateTicket(guideA, ticketId, { assigneeId: guideA.userId });
    await derive();
    expect((await notes(guideA.userId, threadId, "ASSIGNED")).length).toBe(0);
  });

  it("handles an event whose transaction commits after a later one was read", async () => {
    const { threadId, ticketId } = await newThread();
    await derive();
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query("BEGIN");
      // A slow writer: its outbox id is taken now, its commit comes later.
      await client.query(`INSERT INTO outbox_events (type, team_id, thread_id, payload) VALUES ('ticket.created', $1, $2, $3)`, [
        team.teamId,
        threadId,
        JSON.stringify({ ticketId, threadId, status: "NEW" }),
      ]);
      const later = await newThread(); // commits with a higher id
      await derive();
      expect((await notes(guideA.userId, later.threadId, "NEW_TICKET")).length).toBe(1);
      expect((await notes(guideA.userId, threadId, "NEW_TICKET")).length).toBe(1);
      await client.query("COMMIT");
    } finally {
      await client.end();
    }
    await derive();
    expect((await notes(guideA.userId, threadId, "NEW_TICKET")).length).toBe(2);
  });
});

describe("the notification list", () => {
  it("lists the caller's own, newest first, with links and the unread count; marks one or all read", async () => {
    const { threadId } = await newThread();
    await derive();
    const list = await listNotifications(guideA, {});
    expect(list.unreadCount).toBeGreaterThan(0);
    const first = list.items[0]!;
    expect(first).toMatchObject({ type: "NEW_TICKET", threadId, href: `/console/threads/${threadId}`, read: false });
    expect(Object.keys(first).sort()).toEqual(["createdAt", "href", "id", "read", "threadId", "ticketId", "type"]);

    // Someone else's notification is not found, and stays unread.
    await expect(markNotificationRead(guideB, first.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(markNotificationRead(guideA, "not-a-uuid")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getDb().then((db) => db.notification.findUniqueOrThrow({ where: { id: first.id } }))).readAt).toBeNull();

    await markNotificationRead(guideA, first.id);
    await markNotificationRead(guideA, first.id); // twice is fine
    const after = await listNotifications(guideA, {});
    expect(after.unreadCount).toBe(list.unreadCount - 1);
    expect(after.items.find((n) => n.id === first.id)?.read).toBe(true);

    // Opening a thread marks only that thread's alerts read.
    const other = await newThread();
    await derive();
    const { updated } = await markAllNotificationsRead(guideB, { threadId: other.threadId });
    expect(updated).toBe(1);
    expect((await listNotifications(guideB, { unread: "true" })).items.some((n) => n.threadId === threadId)).toBe(true);
    await markAllNotificationsRead(guideB);
    expect((await listNotifications(guideB, {})).unreadCount).toBe(0);
  });

  it("pages with a cursor", async () => {
    const page1 = await listNotifications(guideA, { limit: 2 });
    expect(page1.items).toHaveLength(2);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = await listNotifications(guideA, { limit: 2, cursor: page1.nextCursor! });
    expect(page2.items[0]!.id).not.toBe(page1.items[1]!.id);
    expect(new Date(page2.items[0]!.createdAt).getTime()).toBeLessThanOrEqual(new Date(page1.items[1]!.createdAt).getTime());
  });

  it("is refused to roles without notifications (403, audited)", async () => {
    const admin = await actorFor("admin@demo.test");
    await expect(listNotifications(admin, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(markAllNotificationsRead(admin, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    const db = await getDb();
    expect(await db.auditLog.count({ where: { actorId: admin.userId, action: "notification.read", outcome: "DENIED" } })).toBeGreaterThan(0);
  });
});
