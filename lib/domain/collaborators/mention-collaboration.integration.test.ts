import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { listMessages } from "../messages/list-messages";
import { sendMessage } from "../messages/send-message";
import { createThread } from "../threads/create-thread";
import { getThread } from "../threads/get-thread";
import { getTicket } from "../tickets/get-ticket";
import { listCollaborators } from "./list-collaborators";
import { listMentions } from "./list-mentions";
import { removeCollaborator } from "./remove-collaborator";

const key = () => `mc-${randomUUID()}`;
const text = (label: string) => `Collaboration test ${label} ${randomUUID()}`;

/** Threads this file created: their collaborations are ended afterwards, so later files see the demo scopes unchanged. */
const created: string[] = [];

async function newSunriseThread(memberEmail = "member@demo.test") {
  const member = await actorFor(memberEmail);
  const { thread } = await createThread(member, { body: text("opening"), clientMessageId: key() });
  created.push(thread.id);
  return { member, threadId: thread.id, ticketId: thread.ticket!.id };
}

const note = (actor: Actor, threadId: string, body: string, mentions: string[]) =>
  sendMessage(actor, threadId, { body, clientMessageId: key(), visibility: "internal", mentions });

afterAll(async () => {
  const db = await getDb();
  await db.threadCollaborator.updateMany({ where: { threadId: { in: created }, removedAt: null }, data: { removedAt: new Date() } });
});

describe("an @mention makes a collaborator", () => {
  it("guide mentions the doctor: collaborator, notification, access to that thread only, until removed", async () => {
    const db = await getDb();
    const guide = await actorFor("guide@demo.test");
    const doctor = await actorFor("doctor@demo.test");
    const { member, threadId, ticketId } = await newSunriseThread();

    // Before: the Sunrise thread is out of the doctor's reach.
    await expect(getThread(doctor, threadId)).rejects.toMatchObject({ code: "NOT_FOUND" });

    const body = `@Dr. Priya Raman could you look at the inhaler dosage? ${randomUUID()}`;
    const sent = await note(guide, threadId, body, [doctor.userId]);
    expect(sent.created).toBe(true);
    expect(sent.message).toMatchObject({ body, visibility: "internal" });

    // The collaboration: who, by whom, why — and the reason holds no message text.
    const rows = await db.threadCollaborator.findMany({ where: { threadId, userId: doctor.userId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ addedById: guide.userId, removedAt: null, reason: "Mentioned in an internal note by a care guide" });
    expect(rows[0]!.reason).not.toContain("inhaler");

    // The notification and its outbox event (ids only).
    const notification = await db.notification.findFirstOrThrow({ where: { userId: doctor.userId, threadId, type: "MENTION" } });
    expect(notification).toMatchObject({ ticketId, readAt: null });
    const event = await db.outboxEvent.findFirstOrThrow({ where: { type: "mention.created", threadId, userId: doctor.userId } });
    expect(event.memberId).toBeNull();
    expect(event.payload).toMatchObject({ notificationId: notification.id, messageId: sent.message.id, mentionedById: guide.userId, collaboratorAdded: true });
    expect(JSON.stringify(event.payload)).not.toContain("inhaler");

    // Audited: who added whom, in the same transaction as the message.
    const added = await db.auditLog.findFirstOrThrow({ where: { action: "collaborator.add", recordId: threadId } });
    expect(added).toMatchObject({ actorId: guide.userId, outcome: "ALLOWED", memberId: member.userId, recordType: "thread" });
    expect(added.details).toMatchObject({ userId: doctor.userId, addedById: guide.userId, messageId: sent.message.id, collaboratorId: rows[0]!.id });
    const sendRow = await db.auditLog.findFirstOrThrow({ where: { action: "message.send", recordId: sent.message.id } });
    expect(sendRow.details).toMatchObject({ mentionedUserIds: [doctor.userId] });

    // The doctor now reaches the thread: reads the note, the ticket, and replies.
    expect((await getThread(doctor, threadId)).id).toBe(threadId);
    const { items } = await listMessages(doctor, threadId);
    expect(items.some((m) => m.body === body)).toBe(true);
    expect((await getTicket(doctor, ticketId)).id).toBe(ticketId);
    const reply = await sendMessage(doctor, threadId, { body: text("doctor reply"), clientMessageId: key(), visibility: "internal" });
    expect(reply.created).toBe(true);

    // Only that thread: the member's other Sunrise threads and another Sunrise member's stay out of reach.
    const sunrise = await db.team.findUniqueOrThrow({ where: { name: "Sunrise" } });
    const others = await db.thread.findMany({ where: { memberId: member.userId, teamId: sunrise.id, id: { not: threadId } }, take: 3, select: { id: true } });
    const samuel = await actorFor("member2@demo.test");
    const samuelThread = await db.thread.findFirstOrThrow({ where: { memberId: samuel.userId }, select: { id: true } });
    expect(others.length).toBeGreaterThan(0);
    for (const other of [...others, samuelThread]) {
      await expect(getThread(doctor, other.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(listMessages(doctor, other.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(sendMessage(doctor, other.id, { body: text("intruder"), clientMessageId: key() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }

    // The doctor's mentions list shows the thread; the sidebar list shows the doctor.
    const mentions = await listMentions(doctor);
    expect(mentions.items.find((m) => m.threadId === threadId)).toMatchObject({ member: { name: "Maya Patel" }, team: { name: "Sunrise" }, ticket: { id: ticketId }, mentionCount: 1 });
    const asGuide = await listCollaborators(guide, threadId);
    expect(asGuide.canRemove).toBe(true);
    expect(asGuide.items).toEqual([
      expect.objectContaining({ user: { id: doctor.userId, name: "Dr. Priya Raman", role: "PHYSICIAN" }, addedBy: { id: guide.userId, name: "Gabriel Ortiz", role: "CARE_GUIDE" } }),
    ]);
    // A collaborator sees the list but may not remove anyone.
    expect((await listCollaborators(doctor, threadId)).canRemove).toBe(false);
    await expect(removeCollaborator(doctor, threadId, doctor.userId)).rejects.toMatchObject({ code: "FORBIDDEN" });

    // Removal by Sunrise staff: access ends at once, the mention disappears from the list.
    await removeCollaborator(guide, threadId, doctor.userId);
    await expect(getThread(doctor, threadId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listMessages(doctor, threadId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(sendMessage(doctor, threadId, { body: text("after removal"), clientMessageId: key() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getTicket(doctor, ticketId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await listMentions(doctor)).items.some((m) => m.threadId === threadId)).toBe(false);
    expect((await listCollaborators(guide, threadId)).items).toEqual([]);

    const removed = await db.threadCollaborator.findUniqueOrThrow({ where: { id: rows[0]!.id } });
    expect(removed.removedById).toBe(guide.userId);
    expect(removed.removedAt).not.toBeNull();
    const removal = await db.auditLog.findFirstOrThrow({ where: { action: "collaborator.remove", recordId: threadId, outcome: "ALLOWED" } });
    expect(removal).toMatchObject({ actorId: guide.userId, memberId: member.userId });
    expect(removal.details).toMatchObject({ userId: doctor.userId, removedById: guide.userId });
    expect(await db.outboxEvent.count({ where: { type: "collaborator.removed", threadId, userId: doctor.userId } })).toBe(1);

    // Removing again: nobody to remove.
    await expect(removeCollaborator(guide, threadId, doctor.userId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("mentioning team staff notifies without a collaboration; a second mention keeps the one collaboration", async () => {
    const db = await getDb();
    const guide = await actorFor("guide@demo.test");
    const nurse = await actorFor("nurse@demo.test");
    const doctor = await actorFor("doctor@demo.test");
    const { threadId } = await newSunriseThread();

    await note(guide, threadId, text("@Nora Haddad @Dr. Priya Raman"), [nurse.userId, doctor.userId]);
    await note(guide, threadId, text("@Dr. Priya Raman again"), [doctor.userId, doctor.userId]);

    expect(await db.threadCollaborator.count({ where: { threadId, userId: nurse.userId } })).toBe(0);
    expect(await db.threadCollaborator.count({ where: { threadId, userId: doctor.userId, removedAt: null } })).toBe(1);
    expect(await db.notification.count({ where: { threadId, userId: nurse.userId, type: "MENTION" } })).toBe(1);
    expect(await db.notification.count({ where: { threadId, userId: doctor.userId, type: "MENTION" } })).toBe(2);
    const nurseEvent = await db.outboxEvent.findFirstOrThrow({ where: { type: "mention.created", threadId, userId: nurse.userId } });
    expect(nurseEvent.payload).toMatchObject({ collaboratorAdded: false });
    expect((await listMentions(doctor)).items.find((m) => m.threadId === threadId)?.mentionCount).toBe(2);

    // The collaborating doctor may mention Sunrise's guide back (staff of the thread's team).
    await note(doctor, threadId, text("@Gabriel Ortiz done"), [guide.userId]);
    expect(await db.notification.count({ where: { threadId, userId: guide.userId, type: "MENTION" } })).toBe(1);
    expect(await db.threadCollaborator.count({ where: { threadId, userId: guide.userId } })).toBe(0);
  });

  it("a replayed send applies its mentions once", async () => {
    const db = await getDb();
    const guide = await actorFor("guide@demo.test");
    const doctor = await actorFor("doctor@demo.test");
    const { threadId } = await newSunriseThread();
    const input = { body: text("@Dr. Priya Raman"), clientMessageId: key(), visibility: "internal" as const, mentions: [doctor.userId] };
    const first = await sendMessage(guide, threadId, input);
    const again = await sendMessage(guide, threadId, input);
    expect(again).toMatchObject({ created: false, message: { id: first.message.id } });
    expect(await db.notification.count({ where: { threadId, userId: doctor.userId } })).toBe(1);
    expect(await db.threadCollaborator.count({ where: { threadId, userId: doctor.userId } })).toBe(1);
  });
});

describe("listMentions", () => {
  it("pages newest mention first without gaps or repeats", async () => {
    const guide = await actorFor("guide@demo.test");
    const bea = await actorFor("guide.b@demo.test");
    for (let i = 0; i < 3; i++) {
      const { threadId } = await newSunriseThread();
      await note(guide, threadId, text(`@Bea ${i}`), [bea.userId]);
    }
    const all = await listMentions(bea, { limit: 100 });
    expect(all.items.length).toBeGreaterThanOrEqual(3);
    const times = all.items.map((i) => i.mentionedAt);
    expect([...times].sort().reverse()).toEqual(times);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listMentions(bea, { limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((i) => i.threadId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i) => i.threadId));
  });

  it("is empty for a member and refuses admins", async () => {
    expect((await listMentions(await actorFor("member@demo.test"))).items).toEqual([]);
    await expect(listMentions(await actorFor("admin@demo.test"))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("only the owning team brings someone new in (security review)", () => {
  it("a collaborator may mention the owning team's staff, but not bring in anyone else", async () => {
    const db = await getDb();
    const guide = await actorFor("guide@demo.test");
    const doctor = await actorFor("doctor@demo.test");
    const nurse2 = await actorFor("nurse2@demo.test");
    const doctor2 = await actorFor("doctor2@demo.test");
    const { threadId } = await newSunriseThread();
    await note(guide, threadId, text("bringing the doctor in"), [doctor.userId]);

    // The doctor (a collaborator) mentions the guide back: a notification, no new access.
    await note(doctor, threadId, text("thanks"), [guide.userId]);
    // …but cannot hand the thread on to someone outside Sunrise.
    for (const outsider of [nurse2, doctor2]) {
      const error = await note(doctor, threadId, text("handing on"), [outsider.userId]).then(() => null, (e: unknown) => e);
      expect((error as { code?: string } | null)?.code, outsider.name).toMatch(/FORBIDDEN|INVALID_INPUT/);
      expect(await db.threadCollaborator.count({ where: { threadId, userId: outsider.userId } })).toBe(0);
    }
    // The mentionable list offered to the collaborator holds the owning team's staff only.
    const { listMentionable } = await import("./list-mentionable");
    const offered = await listMentionable(doctor, threadId);
    const sunrise = await db.team.findUniqueOrThrow({ where: { name: "Sunrise" }, select: { memberships: { select: { userId: true } } } });
    const sunriseIds = new Set(sunrise.memberships.map((m) => m.userId));
    expect(offered.items.length).toBeGreaterThan(0);
    expect(offered.items.every((u) => sunriseIds.has(u.id))).toBe(true);
  });
});
